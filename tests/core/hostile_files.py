"""Hostile files, built in memory by the tests that use them (no binary is committed).

Each workbook is a hand-built zip with the parts openpyxl needs ([Content_Types].xml,
the package and workbook relationships, workbook.xml, one sheet), so that a file
is refused for the one thing that is wrong with it: :func:`workbook` with an
honest sheet is read like any other.
"""

from __future__ import annotations

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def workbook_part(*titles: str) -> str:
    """workbook.xml naming sheets ``titles``, each of them the one sheet part."""
    sheets = "".join(
        f'<sheet name="{title}" sheetId="{i}" r:id="rId1"/>' for i, title in enumerate(titles, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>{sheets}</sheets></workbook>'
    )


_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
# The invented report of test_broken_files: a header, and one project whose results carry a year.
HEADER = ("事業名", "具体的な実施事項", "令和7年度実績")
PROJECT = ("見守り訪問", "訪問する", "訪問 3件")
HONEST_ROWS = (HEADER, PROJECT)
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def strings(values: tuple[str, ...], doctype: str = "", entity: str = "") -> str:
    """sharedStrings.xml holding ``values``; ``doctype`` and ``entity`` put an attack in it."""
    items = "".join(f"<si><t>{value}</t></si>" for value in values)
    if entity:
        items += f"<si><t>&{entity};</t></si>"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<sst xmlns="{MAIN}">{items}</sst>'


def cell(reference: str, index: int) -> str:
    return f'<c r="{reference}" t="s"><v>{index}</v></c>'


def honest_rows() -> str:
    """The sheet rows of :data:`HONEST_ROWS`, as indexes into :data:`HONEST_STRINGS`."""
    rows = []
    for number, values in enumerate(HONEST_ROWS, 1):
        cells = "".join(cell(f"{'ABC'[i]}{number}", (number - 1) * 3 + i) for i in range(len(values)))
        rows.append(f'<row r="{number}">{cells}</row>')
    return "".join(rows)


HONEST_STRINGS = HEADER + PROJECT


def sheet(rows: str, dimension: str = "A1:C2", doctype: str = "") -> str:
    """A worksheet's XML: its declared dimension, then ``rows`` (already XML)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
        f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def workbook(
    sheet_xml: str | None = None,
    shared: str | None = None,
    extra: dict[str, bytes] | None = None,
    titles: tuple[str, ...] = ("報告",),
) -> bytes:
    """A workbook openpyxl reads, with ``sheet_xml`` and ``shared`` in place of the honest ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook_part(*titles))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml or sheet(honest_rows()))
        archive.writestr("xl/sharedStrings.xml", shared or strings(HONEST_STRINGS))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """An honest workbook with a part of ``megabytes`` MB of zeros, which deflate shrinks a
    thousand times; written a megabyte at a time, so the test never holds it unpacked."""
    buffer = io.BytesIO(workbook())
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/zeros.bin", "w") as part,
    ):
        block = bytes(1024 * 1024)
        for _ in range(megabytes):
            part.write(block)
    return buffer.getvalue()


def many_rows(count: int, dimension: str) -> str:
    """A sheet of the honest header and ``count`` rows of one number each, declaring ``dimension``."""
    header = "".join(cell(f"{'ABC'[i]}1", i) for i in range(3))
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, count + 2))
    return sheet(f'<row r="1">{header}</row>{rows}', dimension)
