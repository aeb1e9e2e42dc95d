"""Core commands: read documents and print what they hold, with no database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cli import print_json
from ..core import ReaderError, read_quantities, read_report, read_text_input

MAX_TEXT_BYTES = 5 * 1024 * 1024


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "extract-report",
        help="read a business report (.txt/.tsv/.csv/.xlsx) and print its interchange JSON",
        description="Read a business report (事業経過報告 / 事業実績報告) exported as tab-separated text, "
        "CSV or xlsx, in UTF-8, UTF-8 with BOM or Shift_JIS, and print the interchange JSON "
        "(projects, their cells and the quantities read from the two result columns) to stdout.",
    )
    report.add_argument("file", type=Path, help="the report file")
    report.add_argument("--compact", action="store_true", help="print the JSON on one line")
    report.add_argument(
        "--fiscal-year",
        type=int,
        metavar="Y",
        help="the fiscal year (April year: 2025 for 令和7年度) when the file names none; "
        "a file naming another year is refused",
    )
    report.add_argument(
        "--period",
        choices=["Q1", "Q2", "Q3", "Q4", "FY"],
        help="the period (a quarter, or FY for the whole year) when the file names none",
    )
    report.set_defaults(handler=_extract_report)

    quantities = subparsers.add_parser(
        "extract-quantities",
        help="read quantities from free Japanese text",
        description='Print {"quantities": [...]} for the quantities written in FILE (or stdin with -): '
        "value, unit, label, qualifier, as_of and the character span.",
    )
    quantities.add_argument(
        "file", nargs="?", default="-", help="a UTF-8 or Shift_JIS text file, or - for stdin"
    )
    quantities.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="TEXT",
        help="the words of a listed item, in order (①, ②, …): markers in the text are labelled with them",
    )
    quantities.set_defaults(handler=_extract_quantities)


def _extract_report(args: argparse.Namespace) -> int:
    document = read_report(args.file, fiscal_year=args.fiscal_year, period=args.period)
    print_json(document.to_json(), args.compact)
    return 0


def _extract_quantities(args: argparse.Namespace) -> int:
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        name = "stdin"
    else:
        path = Path(args.file)
        if not path.is_file():
            raise ReaderError(
                f"{path} does not exist or is not a file.", f"{path} というファイルはありません。"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
        name = path.name
    text = read_text_input(data, name, limit=MAX_TEXT_BYTES)
    found = read_quantities(text, items=args.item or None)
    print_json({"quantities": [q.to_json() for q in found]})
    return 0
