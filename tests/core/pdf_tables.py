"""PDF report tables made in the tests with WeasyPrint, in the layout of seed 000's columns.

A4 landscape, the header row repeated on every page, long cells wrapped, the
Japanese font of matplotlib-fontja embedded: what an export of a report (or a
council's own PDF) looks like.  The rows are invented.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

HEADINGS = (
    "拠点区分 サービス区分",
    "事業名（担当課）",
    "計画体系",
    "具体的な実施事項",
    "令和6年度の事業実績内容",
    "令和6年度 第4四半期実績",
    "令和5年度 第4四半期実績",
)
_STYLE = """
@font-face {{ font-family: "IPAexGothic"; src: url("{font}"); }}
@page {{ size: A4 landscape; margin: 14mm 10mm 12mm 10mm; }}
html {{ font-family: "IPAexGothic"; font-size: 7.5pt; line-height: 1.35; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
thead {{ display: table-header-group; }}
th, td {{ border: 0.5pt solid #555; padding: 1.2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }}
th {{ background: #e8eef4; }}
.sub {{ display: block; }}
"""
_WIDTHS = (9, 12, 10, 19, 26, 12, 12)


def _font() -> str:
    return Path(str(resources.files("matplotlib_fontja") / "fonts" / "ipaexg.ttf")).as_uri()


def _cell(text: str) -> str:
    return "<br>".join(html.escape(part) for part in text.split("\n"))


def report_pdf(
    title: str, rows: Sequence[Sequence[str]], headings: Sequence[str] = HEADINGS, ruled: bool = True
) -> bytes:
    """A PDF of a report table: ``rows`` of cells (a newline in a cell is a printed line break).

    ``ruled=False`` prints no cell borders, as many councils' PDFs do.
    """
    from weasyprint import HTML

    cols = "".join(f'<col style="width: {w}%">' for w in _WIDTHS[: len(headings)])
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    style = _STYLE.format(font=_font())
    style = style if ruled else style.replace("border: 0.5pt solid #555;", "border: none;")
    page = (
        f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><style>{style}</style>'
        f"</head><body><h1>{html.escape(title)}</h1><table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )
    pdf: bytes = HTML(string=page).write_pdf()
    return pdf
