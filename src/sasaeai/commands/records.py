"""Database commands: migrate, import-plan, import-report, import-links, evaluate, createuser.

Each handler sets up Django inside itself (``--help`` stays quick and the
core commands need no database) and calls the same service as the pages.
Refusals are :class:`~sasaeai.core.errors.SasaeaiError`: one sentence, exit 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path
from typing import Any

from sasaeai.cli import print_json
from sasaeai.commands import read_input, setup_django
from sasaeai.core.errors import ReaderError, SasaeaiError

PERIODS = ("Q1", "Q2", "Q3", "Q4", "FY")


def register(subparsers: Any) -> None:
    """Add the database commands to the ``sasaeai`` parser."""
    migrate = subparsers.add_parser(
        "migrate",
        help="create or update the database (SQLite in var/ unless DATABASE_URL is set)",
        description="Create the database, or bring it up to date, with every migration of the application.",
    )
    migrate.set_defaults(handler=_migrate)

    plan = subparsers.add_parser(
        "import-plan",
        help="store a plan (document or its JSON form) with goals, policies, approaches, items, indicators",
        description="Store a plan read from a plan document (a chapter listing 基本目標, 施策, 取組方針, 取組項目 and 評価指標 "
        "with baselines and targets) or from its JSON form (docs/plan-format.md). Importing the same file again changes nothing.",
    )
    plan.add_argument("file", type=Path, help="the plan document or JSON")
    plan.add_argument("--organisation", help="the organisation that made the plan (default: the one known)")
    plan.add_argument(
        "--kind", choices=["city", "council"], default="city", help="city (地域福祉計画) or council"
    )
    plan.set_defaults(handler=_import_plan)
    _register_imports(subparsers)
    _register_evaluate_and_users(subparsers)


def _register_imports(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "import-report",
        help="read a business report (.txt/.tsv/.csv/.xlsx) and store it in one transaction",
        description="Read a business report (事業経過報告 / 事業実績報告) with the core reader and store its "
        "projects and quantities in one transaction. Importing the same file again changes nothing; "
        "prints what it stored.",
    )
    report.add_argument("file", type=Path, help="the report file (.txt/.tsv/.csv/.xlsx/.pdf)")
    report.add_argument(
        "--organisation", help="the council that wrote it (default: named in its title, or the one known)"
    )
    report.add_argument(
        "--fiscal-year", type=int, help="the April year, when the file names none (e.g. 2025)"
    )
    report.add_argument(
        "--period", type=str.upper, choices=PERIODS, help="Q1–Q4 or FY, when the file names none"
    )
    report.add_argument(
        "--department",
        action="append",
        default=[],
        help="replace only this department's entries (repeat for several); default: the whole report",
    )
    report.add_argument(
        "--published",
        action="store_true",
        help="a document published long ago: store every department part approved and the report published",
    )
    report.add_argument(
        "--as",
        dest="acting_user",
        metavar="USERNAME",
        help="import as this user, with their rights (an editor replaces only their departments' entries)",
    )
    report.set_defaults(handler=_import_report)

    links = subparsers.add_parser(
        "import-links",
        help="store which reported quantity measures which indicator part (YAML)",
        description="Store indicator links from a YAML file (docs/links-format.md). "
        "Import the plan first: every link must name a stored indicator; a project no report holds yet "
        "is linked when its first report is imported.",
    )
    links.add_argument("file", type=Path, help="the links file")
    links.add_argument(
        "--plan-organisation",
        metavar="NAME",
        help="the organisation whose plan holds the indicators (default: the file's plan_organisation, "
        "or the one organisation whose plan names them)",
    )
    links.add_argument(
        "--report-organisation",
        metavar="NAME",
        help="the organisation whose reports measure them (default: the file's report_organisation, "
        "or the only council)",
    )
    links.set_defaults(handler=_import_links)


def _register_evaluate_and_users(subparsers: Any) -> None:
    evaluate = subparsers.add_parser(
        "evaluate",
        help="grade every indicator part against its baseline and target",
        description="Print every indicator with each part's baseline, target, yearly actuals (achievement rate, "
        "progress, expected progress, grade 達成/a/b/c/未評価) and projection, and the A–D roll-ups.",
    )
    evaluate.add_argument(
        "--json", action="store_true", help="print JSON (default: one line per indicator part)"
    )
    evaluate.add_argument("--year", type=int, help="evaluate with the actuals up to this fiscal year")
    evaluate.set_defaults(handler=_evaluate)

    recompute = subparsers.add_parser(
        "recompute",
        help="rebuild the stored evaluation (評価結果) of every plan",
        description="Evaluate every plan afresh and store the results the pages and evaluate --json read. "
        "Every write keeps them up to date; run this after restoring a backup, after changing figures in the "
        "database by hand, or after an upgrade that says so.",
    )
    recompute.add_argument(
        "--organisation",
        metavar="NAME",
        help="only the plans of this organisation and the plans its reports measure",
    )
    recompute.set_defaults(handler=_recompute)

    user = subparsers.add_parser(
        "createuser",
        help="create a user with a role (operator, admin, editor, approver, committee)",
        description="Create a user. A secretariat (admin) account needs --organisation; editors and approvers need "
        "--department (repeat it for several). The operator alone uses the Django admin site. "
        "Without --password the password is asked for (or read from SASAEAI_PASSWORD).",
    )
    user.add_argument("username")
    user.add_argument(
        "--role", required=True, choices=["operator", "admin", "editor", "approver", "committee"]
    )
    user.add_argument(
        "--organisation", help="the organisation of a secretariat (admin) account, or of the departments"
    )
    user.add_argument("--department", action="append", default=[], help="a department (担当課) of the user")
    user.add_argument("--password", help="the password (avoid on shared machines: it stays in the history)")
    user.set_defaults(handler=_createuser)


def _migrate(args: argparse.Namespace) -> int:
    setup_django(database=False)
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=1)
    return 0


def _import_plan(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.plans.services.plan_import import PlanImport

    plan, changed = PlanImport(
        COMMAND_LINE, read_input(args.file), args.file.name, args.organisation, args.kind
    ).execute()
    counts = _plan_counts(plan)
    if changed:
        print(
            f"stored {plan.title} (FY{plan.start_year}–FY{plan.end_year}) of {plan.organisation}: {counts}."
        )
    else:
        print(f"{args.file.name} is already stored as {plan.title}; nothing changed.")
    return 0


def _plan_counts(plan: Any) -> str:
    from sasaeai.plans.models import Approach, Indicator, IndicatorPart, Item, Policy

    found = {
        "goals": plan.goals.count(),
        "policies": Policy.objects.of_plan(plan).count(),
        "approaches": Approach.objects.of_plan(plan).count(),
        "items": Item.objects.of_plan(plan).count(),
        "indicators": Indicator.objects.of_plan(plan).count(),
        "indicator parts": IndicatorPart.objects.of_plan(plan).count(),
    }
    return ", ".join(f"{count} {what}" for what, count in found.items())


def _import_report(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.reports.services.report_import import ReportImport

    result = ReportImport(
        acting_user(args.acting_user),
        read_input(args.file),
        args.file.name,
        args.organisation,
        fiscal_year=args.fiscal_year,
        period=args.period,
        departments=args.department,
        published=args.published,
    ).execute()
    print(result.summary())
    return 0


def acting_user(username: str | None) -> Any:
    """The user a command acts as (``--as``), or the command line, which acts as every secretariat."""
    from django.contrib.auth import get_user_model

    from sasaeai.people.roles import COMMAND_LINE

    if username is None:
        return COMMAND_LINE
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise SasaeaiError(
            f"No active user is called {username}.", f"利用者 {username} は登録されていません。"
        )
    return user


def _import_links(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.evaluation.services.links_import import LinksImport
    from sasaeai.people.roles import COMMAND_LINE

    links = LinksImport(
        COMMAND_LINE,
        read_input(args.file),
        args.file.name,
        plan_organisation=args.plan_organisation,
        report_organisation=args.report_organisation,
    )
    print(links.execute().summary())
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.evaluation.services.results import stored_evaluation

    result = stored_evaluation(year=args.year)
    if not result["indicators"]:
        raise ReaderError("No plan is stored yet; run import-plan first.", "計画がまだ登録されていません。")
    if args.json:
        print_json(result)
        return 0
    for indicator in result["indicators"]:
        for part in indicator["parts"]:
            which = part["label"] or (part["unit"] if len(indicator["parts"]) > 1 else None)
            name = " ".join(filter(None, [indicator["name"], which]))
            actuals = ", ".join(f"FY{a['fiscal_year']} {a['value']} {a['grade']}" for a in part["actuals"])
            print(f"{name}: {actuals or '未評価'}")
    return 0


def _recompute(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.evaluation.services.stored import recompute
    from sasaeai.people.models import Organisation

    organisation = None
    if args.organisation:
        organisation = Organisation.objects.filter(name=args.organisation).first()
        if organisation is None:
            raise ReaderError(
                f"No organisation is named {args.organisation}.", f"組織「{args.organisation}」はありません。"
            )
    started = time.perf_counter()
    count = recompute(organisation)
    print(f"recomputed the evaluation of {count} plans in {time.perf_counter() - started:.1f} s")
    return 0


def _createuser(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.people.services import CreateUser

    password = args.password or os.environ.get("SASAEAI_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise SasaeaiError("Give --password or SASAEAI_PASSWORD when not at a terminal.")
        password = getpass.getpass("password: ")
    user = CreateUser(
        COMMAND_LINE, args.username, args.role, password, args.department, args.organisation
    ).execute()
    print(f"created {user.username} ({args.role}).")
    return 0
