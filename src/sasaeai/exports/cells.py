"""Spreadsheet cells that never run: text that looks like a formula stays text (OWASP "CSV Injection").

A spreadsheet runs a cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (some programs skip a
leading tab or carriage return first), so a project name such as ``=HYPERLINK("http://…","詳細")``
would become a live link, or worse, in whoever opens the export.  Every xlsx and CSV writer goes
through this module:

- xlsx: :func:`new_xlsx_workbook` writes every ``str`` as a string cell, never as a formula or a
  hyperlink (XlsxWriter's ``strings_to_formulas`` and ``strings_to_urls`` are off);
- CSV: :func:`csv_text` puts a single quote before text that begins with one of those characters,
  as OWASP advises, so that the spreadsheet shows it as text.

Numbers stay numbers: a ``Decimal`` or ``int`` of −5 is written as a number, and so is text that is
nothing but a plain number ("-5", "+1.5", "-1,000"), which a spreadsheet reads as a number, not a formula.
"""

from __future__ import annotations

import re
from typing import IO, Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")

# XlsxWriter turns a str beginning with "=" into a formula and "http://…", "external:…" into a link
# unless told not to; a str that reads as a number stays text as well (it came to us as text).
XLSX_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def looks_like_formula(text: str) -> bool:
    """True for text that a spreadsheet could run: ``=1+1``, ``@SUM(A1)``, ``-2+3``; not ``-5``."""
    return text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def csv_text(text: str) -> str:
    """Text as it goes into a CSV cell: ``'=1+1`` for ``=1+1``, anything else unchanged."""
    return f"'{text}" if looks_like_formula(text) else text


def new_xlsx_workbook(output: IO[bytes]) -> Any:
    """An XlsxWriter workbook writing into ``output`` that stores text as text, never as formulas."""
    import xlsxwriter  # heavy: imported only when a workbook is asked for

    return xlsxwriter.Workbook(output, XLSX_OPTIONS)
