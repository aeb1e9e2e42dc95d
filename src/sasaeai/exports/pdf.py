"""PDF from the same Django templates as the pages, with the Japanese font embedded.

The font is IPAexGothic from the ``matplotlib_fontja`` package, so neither the
server nor the reader needs a Japanese system font: WeasyPrint embeds (a
subset of) it in every PDF.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sasaeai.core.errors import SasaeaiError

FONT_FAMILY = "IPAexGothic"
_BETWEEN_TAGS = re.compile(r">\s+<")


@cache
def font_path() -> Path:
    """The IPAexGothic file that ships inside matplotlib_fontja."""
    path = Path(str(resources.files("matplotlib_fontja") / "fonts" / "ipaexg.ttf"))
    if not path.is_file():
        raise SasaeaiError(
            f"The Japanese font is missing from the installed package ({path}); reinstall matplotlib-fontja.",
            "日本語フォントが見つかりません。matplotlib-fontja を再インストールしてください。",
        )
    return path


def font_face_css() -> str:
    """An @font-face rule that points WeasyPrint at the packaged font file."""
    return f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{font_path().as_uri()}"); }}'


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a template to HTML and the HTML to PDF bytes."""
    from django.template.loader import render_to_string
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    rendered = render_to_string(template_name, {**context, "font_face_css": font_face_css()})
    # Indentation between tags is only parsed and thrown away; the PDF templates never rely on it.
    html = _BETWEEN_TAGS.sub("><", rendered)
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(Path(__file__).parent))
    pdf: bytes = document.write_pdf(font_config=fonts)
    return pdf
