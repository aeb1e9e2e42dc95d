"""One pass of expat over each XML part of an xlsx, before openpyxl parses any of it.

openpyxl trusts what a part says: a sheet's ``<dimension ref="A1:XFD1048576"/>``
makes it pad every row to 16,384 cells, a row with a million children is held
whole before it is handed over, and a part it parses whole becomes an object
per element.  This pass counts what openpyxl would build, without building it,
and refuses on the way:

- a document type declaration (``<!DOCTYPE``, and so every ``<!ENTITY``) before
  the root element: XXE and billion laughs need one, no workbook part has one,
  and the root comes before any entity could be expanded;
- a declared dimension past :data:`~sasaeai.core.limits.MAX_ROWS` rows or
  :data:`~sasaeai.core.limits.MAX_COLUMNS` columns;
- a row numbered past the row limit, a row with more children than the column
  limit, or a cell past the column limit, counted as openpyxl counts them (by
  their ``r`` attribute, else one after the previous);
- more than :data:`~sasaeai.core.limits.MAX_XML_ELEMENTS` elements in all parts together.

Names are matched by their local part (``x:row`` is a row), since openpyxl reads
prefixed SpreadsheetML as well; a rule that matches an element of another
vocabulary can only refuse more, never let a sheet through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pyexpat import ExpatError, ParserCreate
from xml.parsers.expat import XMLParserType

from .errors import ReaderError
from .limits import MAX_COLUMNS, MAX_ROWS, MAX_XML_ELEMENTS, too_many_columns, too_many_rows

_REFERENCE_RE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_number(letters: str) -> int:
    """ "A" -> 1, "GR" -> 200, "XFD" -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _boundary(reference: str) -> tuple[int, int] | None:
    """(row, column) of "B12" or "$B$12"; None for anything else."""
    match = _REFERENCE_RE.match(reference.strip())
    return (int(match.group(2)), column_number(match.group(1))) if match else None


def doctype_refused(name: str, part: str) -> ReaderError:
    return ReaderError(
        f"{name} declares an XML document type in {part}, which no workbook needs and XML attacks use.",
        f"{name} の {part} に XML の文書型宣言（DOCTYPE・ENTITY）があるため読み込めません。",
    )


def _too_many_elements(name: str) -> ReaderError:
    return ReaderError(
        f"{name} holds more than {MAX_XML_ELEMENTS:,} XML elements (cells, styles, names); "
        "split it or save it without unused formatting.",
        f"{name} は中身（セル・書式・名前など）が {MAX_XML_ELEMENTS:,}個を超えているため読み込めません。",
    )


def _feed(parser: XMLParserType, chunk: bytes, final: bool = False) -> bool:
    """False once the part stops being XML (a picture, a part cut short, an encoding expat lacks)."""
    try:
        parser.Parse(chunk, final)
    except (ExpatError, ValueError, LookupError):
        return False
    return True


class PartScan:
    """The running count of one workbook's XML elements, and the rules above applied part by part."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.elements = 0
        self._part = ""
        self._depth = 0
        self._row_depth = -1  # depth of the row being read; -1 outside rows
        self._row = 0
        self._cells = 0
        self._column = 0
        self._declared_type = False

    def scan(self, part: str, chunks: Iterable[bytes]) -> None:
        """Feed one part through expat; a part that is not XML (a picture) or breaks off is left to
        openpyxl, which parses with the same expat and will stop where this pass stopped."""
        self._part, self._depth, self._row_depth, self._row = part, 0, -1, 0
        self._declared_type = False
        parser = ParserCreate()  # no namespace processing: prefixes stay, unbound ones are no error here
        parser.StartDoctypeDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        for chunk in chunks:
            if not _feed(parser, chunk):
                return
        _feed(parser, b"", final=True)

    def _doctype(self, document_type: str, *_: object) -> None:
        # Drawing programs write a DOCTYPE into SVG pictures; openpyxl never parses pictures, and
        # defusedxml refuses their entities if a hostile workbook makes it.  Anything else is refused
        # here, before expat reads a single entity declaration.
        self._declared_type = True
        self._root(document_type.rpartition(":")[2])

    def _root(self, local: str) -> None:
        if self._declared_type and local != "svg":
            raise doctype_refused(self.name, self._part)

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_XML_ELEMENTS:
            raise _too_many_elements(self.name)
        self._depth += 1
        if self._depth == self._row_depth + 1:
            self._cell(attributes.get("r"))
            return
        local = tag.rpartition(":")[2]
        if self._depth == 1:
            self._root(local)
        elif local == "row":
            self._start_row(attributes.get("r"))
        elif local == "dimension" and "ref" in attributes:
            self._dimension(attributes["ref"])

    def _end(self, _: str) -> None:
        if self._depth == self._row_depth:
            self._row_depth = -1
        self._depth -= 1

    def _start_row(self, reference: str | None) -> None:
        self._row = int(reference) if reference and reference.isdigit() else self._row + 1
        if self._row > MAX_ROWS:
            raise too_many_rows(self.name)
        self._row_depth, self._cells, self._column = self._depth, 0, 0

    def _cell(self, reference: str | None) -> None:
        self._cells += 1
        place = _boundary(reference) if reference else None
        self._column = place[1] if place else self._column + 1
        if self._cells > MAX_COLUMNS or self._column > MAX_COLUMNS:
            raise too_many_columns(self.name, f"row {self._row}", f"{self._row}行目の")

    def _dimension(self, reference: str) -> None:
        corners = [_boundary(corner) for corner in reference.split(":")]
        rows = max((corner[0] for corner in corners if corner), default=0)
        columns = max((corner[1] for corner in corners if corner), default=0)
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            raise ReaderError(
                f"{self.name} has a sheet declaring {rows:,} rows and {columns:,} columns "
                f"(at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns); "
                "delete the rows and columns beyond the table.",
                f"{self.name} のシートは {rows:,}行×{columns:,}列 と宣言されており、読み込める "
                f"{MAX_ROWS:,}行×{MAX_COLUMNS}列 を超えています（表の外の行や列を削除してください）。",
            )
