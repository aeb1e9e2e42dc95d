"""Export commands: ``export-report``, ``export-evaluation`` and ``export-opendata``.

They read through the same query layer as the pages and the API, acting as
the secretariat (the command line holds the database).  Files are written
whole or not at all: each goes to a temporary name first and is then renamed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sasaeai.commands import setup_django
from sasaeai.core.errors import SasaeaiError

PERIODS = ("Q1", "Q2", "Q3", "Q4", "FY")


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "export-report",
        help="write a stored report as xlsx or PDF in the council's layout",
        description="Write the report of one fiscal year and period (事業経過報告 / 事業実績報告) in the council's "
        "columns, with the comparison year beside it: an Excel table (one value per cell, figures on a second "
        "sheet) or an A4-landscape PDF with the Japanese font embedded.",
    )
    report.add_argument(
        "--fiscal-year", type=int, required=True, help="the April year, e.g. 2025 for 令和7年度"
    )
    report.add_argument("--period", required=True, type=str.upper, choices=PERIODS, help="Q1–Q4 or FY")
    report.add_argument("--format", choices=("xlsx", "pdf"), help="default: from the suffix of -o")
    report.add_argument("--organisation", help="the organisation's name, when several reported that period")
    report.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    report.set_defaults(handler=_export_report)

    sheet = subparsers.add_parser(
        "export-evaluation",
        help="write the indicator sheet (評価指標の進捗状況) as xlsx or PDF",
        description="Write the committee's indicator sheet: per goal, policy and approach, each indicator part "
        "with its baseline, each year's actual, target, 達成率, grade, roll-up grade, committee comments and a "
        "trend chart against the straight path.",
    )
    sheet.add_argument("--format", choices=("xlsx", "pdf"), help="default: from the suffix of -o")
    sheet.add_argument("--year", type=int, help="show actuals up to this fiscal year (default: all)")
    sheet.add_argument("--plan", type=int, help="the plan's id (default: the newest plan with indicators)")
    sheet.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    sheet.set_defaults(handler=_export_evaluation)

    opendata = subparsers.add_parser(
        "export-opendata",
        help="write the published data as open-data CSV (UTF-8 with BOM) and JSON",
        description="Write plans, indicators, evaluations and published reports as CSV (UTF-8 with BOM) and "
        "JSON following the machine-readable rules of 総務省 (one value per cell, units in column names, no "
        "platform-dependent characters, ISO dates, Western years with the 和暦 beside). Columns: docs/opendata.md.",
    )
    opendata.add_argument("-o", "--output", type=Path, required=True, help="the directory to write into")
    opendata.set_defaults(handler=_export_opendata)

    token = subparsers.add_parser(
        "api-token",
        help="print a new REST API token of a user (it expires; --revoke removes all of the user's tokens)",
        description="Print a new REST API token for USERNAME, valid for API_TOKEN_TTL_DAYS days (default 30); "
        "send it as 'Authorization: Token …' and the API allows what the pages allow that user. Only a hash is "
        "stored, so the token is shown this once. A changed password revokes all of the user's tokens; so does "
        "--revoke.",
    )
    token.add_argument("username", help="the user's login name")
    token.add_argument("--revoke", action="store_true", help="revoke every token of the user instead")
    token.set_defaults(handler=_api_token)


def format_of(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = str(args.output.suffix).lower().lstrip(".")
    if suffix in ("xlsx", "pdf"):
        return suffix
    raise SasaeaiError(
        f"Say --format xlsx or --format pdf (the name {args.output.name} does not tell).",
        "出力形式（xlsx か pdf）を指定してください。",
    )


def write_atomically(path: Path, data: bytes) -> None:
    if path.parent and not path.parent.is_dir():
        raise SasaeaiError(
            f"The folder {path.parent} does not exist.", f"フォルダ {path.parent} がありません。"
        )
    temporary = path.with_name(f".{path.name}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _unwritable(path, error) from None


def _unwritable(path: Path, error: OSError) -> SasaeaiError:
    reason = error.strerror or type(error).__name__
    return SasaeaiError(f"Cannot write {path}: {reason}.", f"{path} に書き込めません（{reason}）。")


def _export_report(args: argparse.Namespace) -> int:
    fmt = format_of(args)
    setup_django()
    from sasaeai.exports.formats import REPORT_FORMATS
    from sasaeai.exports.queries import find_report, report_sheet
    from sasaeai.people.permissions import COMMAND_LINE

    report = find_report(COMMAND_LINE, args.fiscal_year, args.period, args.organisation)
    sheet = report_sheet(report)
    write_atomically(args.output, REPORT_FORMATS[fmt].write(sheet))
    print(
        f"{args.output}: {sheet.heading}, {len(sheet.projects)} projects, {sum(1 for _ in sheet.figures())} figures"
    )
    return 0


def _export_evaluation(args: argparse.Namespace) -> int:
    fmt = format_of(args)
    setup_django()
    from sasaeai.exports.formats import EVALUATION_FORMATS
    from sasaeai.exports.queries import find_plan, indicator_sheet
    from sasaeai.people.permissions import COMMAND_LINE

    sheet = indicator_sheet(COMMAND_LINE, find_plan(args.plan), args.year)
    write_atomically(args.output, EVALUATION_FORMATS[fmt].write(sheet))
    indicators = sum(1 for _ in sheet.indicators())
    print(
        f"{args.output}: {sheet.plan_title}, {indicators} indicators, {sum(1 for _ in sheet.parts())} parts"
    )
    return 0


def _export_opendata(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.exports.opendata_export import export_opendata

    try:
        written = export_opendata(args.output)
    except OSError as error:
        raise _unwritable(args.output, error) from None
    for path in written:
        print(path)
    print(f"{len(written)} files written to {args.output}", file=sys.stderr)
    return 0


def _api_token(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model
    from knox.models import get_token_model
    from knox.settings import knox_settings

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        raise SasaeaiError(f"There is no user {args.username}.", f"利用者 {args.username} はいません。")
    tokens = get_token_model().objects
    if args.revoke:
        revoked, _ = tokens.filter(user=user).delete()
        print(f"revoked {revoked} tokens of {user.username}.")
        return 0
    if not user.is_active:
        raise SasaeaiError(f"User {args.username} is inactive.", f"利用者 {args.username} は無効です。")
    instance, key = tokens.create(user=user, expiry=knox_settings.TOKEN_TTL)
    print(key)
    print(f"expires {instance.expiry:%Y-%m-%d %H:%M %Z}; shown only this once.", file=sys.stderr)
    return 0
