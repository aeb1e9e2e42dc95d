"""Period commands: ``open-period`` starts a quarter's or a year's report for entry.

The command calls the same service as the secretariat's page
(:class:`~sasaeai.reports.services.periods.OpenPeriod`); refusals are one
sentence and exit code 2.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from sasaeai.commands import setup_django
from sasaeai.core.errors import SasaeaiError

PERIODS = ("Q1", "Q2", "Q3", "Q4", "FY")


def register(subparsers: Any) -> None:
    """Add ``open-period`` to the ``sasaeai`` parser."""
    opening = subparsers.add_parser(
        "open-period",
        help="open a quarter's or a year's report for entry, carrying every active project over",
        description="Open the report of one fiscal year and period for the departments to fill: every active "
        "project gets an entry with its planned activities (具体的な実施事項) and the labels and units of its "
        "last figures, values empty; the same period of last year stands beside them. Projects that ended are "
        "not carried. Running it again changes nothing; prints what it created.",
    )
    opening.add_argument(
        "--organisation", metavar="NAME", help="the organisation (default: the only council)"
    )
    opening.add_argument(
        "--fiscal-year", type=int, required=True, help="the April year, e.g. 2026 for 令和8年度"
    )
    opening.add_argument("--period", required=True, type=str.upper, choices=PERIODS, help="Q1–Q4 or FY")
    opening.add_argument("--due", metavar="YYYY-MM-DD", help="the due date (提出期限), e.g. 2026-07-15")
    opening.set_defaults(handler=_open_period)


def due_date(text: str | None) -> date | None:
    """A due date from YYYY-MM-DD, or one sentence saying it is not one."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SasaeaiError(
            f"--due must be a date written YYYY-MM-DD, not {text!r}.",
            f"提出期限は YYYY-MM-DD の形で指定してください（{text}）。",
        ) from None


def _open_period(args: argparse.Namespace) -> int:
    due = due_date(args.due)
    setup_django()
    from sasaeai.people.models import Organisation, OrganisationKind
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.reports.services.periods import OpenPeriod
    from sasaeai.reports.services.projects import find_organisation

    if args.organisation and not Organisation.objects.filter(name=args.organisation).exists():
        raise SasaeaiError(
            f"No organisation is called {args.organisation}.",
            f"組織「{args.organisation}」は登録されていません。",
        )
    organisation = find_organisation(args.organisation, OrganisationKind.COUNCIL, create=False)
    result = OpenPeriod(COMMAND_LINE, organisation, args.fiscal_year, args.period, due).execute()
    print(result.summary())
    return 0
