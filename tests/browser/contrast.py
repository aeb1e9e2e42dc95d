"""WCAG 2.2 contrast: the relative luminance of sRGB colours and the ratio of two, with the colours read from the
site's CSS (custom properties resolved) or from the browser.

    >>> round(contrast_ratio(parse_colour("#57606a"), parse_colour("#ffffff")), 2)
    6.39
"""

from __future__ import annotations

import re
from pathlib import Path

SITE_CSS = (
    Path(__file__).resolve().parents[2] / "src" / "sasaeai" / "front" / "static" / "sasaeai" / "site.css"
)
AA_TEXT = 4.5  # WCAG 2.2 SC 1.4.3, text below 24 px (19 px bold)
AA_LARGE_TEXT = 3.0
AA_GRAPHICS = 3.0  # SC 1.4.11, lines a chart needs to be understood

Colour = tuple[float, float, float, float]  # red, green, blue in 0–255, alpha in 0–1


def parse_colour(text: str) -> Colour:
    """#rgb, #rrggbb, rgb(…) or rgba(…), as the CSS file and the browser write them."""
    text = text.strip().lower()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), 1.0)
    found = re.fullmatch(r"rgba?\(([^)]*)\)", text)
    if not found:
        raise ValueError(f"not a colour: {text!r}")
    parts = [float(p) for p in re.split(r"[\s,/]+", found.group(1).strip()) if p]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(top: Colour, bottom: Colour) -> Colour:
    """``top`` painted over an opaque ``bottom`` (alpha compositing)."""
    alpha = top[3]
    return (*(top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3)), 1.0)  # type: ignore[return-value]


def relative_luminance(colour: Colour) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: Colour, background: Colour) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the foreground first painted over the (opaque) background."""
    lighter, darker = sorted(
        (relative_luminance(over(foreground, background)), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


class StyleSheet:
    """The declarations of a plain CSS file by selector, its ``var(--name)`` resolved from ``:root``."""

    def __init__(self, text: str) -> None:
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
        self.rules: dict[str, dict[str, str]] = {}
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            declarations = self.rules.setdefault(" ".join(selector.split()), {})
            for declaration in body.split(";"):
                if ":" in declaration:
                    name, value = declaration.split(":", 1)
                    declarations[name.strip()] = value.strip()

    @classmethod
    def of_site(cls) -> StyleSheet:
        return cls(SITE_CSS.read_text(encoding="utf-8"))

    def value(self, selector: str, name: str) -> str:
        value = self.rules[selector][name]
        return re.sub(r"var\((--[\w-]+)\)", lambda m: self.rules[":root"][m.group(1)], value)

    def colour(self, selector: str, name: str) -> Colour:
        return parse_colour(self.value(selector, name).split()[-1])
