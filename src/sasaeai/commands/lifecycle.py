"""Life-cycle commands: import-revisions, import-kpi, import-goal-links, propose-merges, merge-projects,
check-consistency.

Each handler sets up Django inside itself and calls the same code as the pages;
every import is one transaction and importing the same file again changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sasaeai.cli import print_json
from sasaeai.commands import read_input, setup_django
from sasaeai.core.errors import SasaeaiError


def register(subparsers: Any) -> None:
    """Add the life-cycle commands to the ``sasaeai`` parser."""
    _register_imports(subparsers)
    _register_reviews(subparsers)


def _register_imports(subparsers: Any) -> None:
    revisions = subparsers.add_parser(
        "import-revisions",
        help="store a mid-term review (中間見直し): changed/added items and new projects",
        description="Store a practice plan's mid-term review (中間見直し): every changed or added item with "
        "its number, title, plan page, text before and after and kind (追加/変更), the revision date, and every "
        "new project with its start month. One transaction; importing the same file again changes nothing.",
    )
    revisions.add_argument("file", type=Path, help="the review, exported as text (.txt/.tsv/.csv/.xlsx)")
    revisions.add_argument(
        "--organisation", help="the council whose plan it revises (default: its publisher)"
    )
    revisions.add_argument("--json", action="store_true", help="print the items and new projects as JSON")
    revisions.set_defaults(handler=_import_revisions)

    kpi = subparsers.add_parser(
        "import-kpi",
        help="store a funded project's KPI sheet (budget, KPIs, 達成率, partners, issues)",
        description="Store a funded project's KPI sheet (交付金事業の実績シート): budget (個別事業費, 交付金額), KPIs with "
        "target, actual and achievement rate (computed and checked against the printed one), partners and "
        "future issues. Importing the same file again changes nothing.",
    )
    kpi.add_argument("file", type=Path, help="the KPI sheet as text")
    kpi.add_argument("--fiscal-year", type=int, help="the fiscal year the sheet reports (e.g. 2025)")
    kpi.add_argument("--json", action="store_true", help="print the stored sheet as JSON")
    kpi.set_defaults(handler=_import_kpi)

    links = subparsers.add_parser(
        "import-goal-links",
        help="link the city plan's goals (基本目標) to the council plan's (重点目標)",
        description="Read the two-plan table of a city plan's chapter on the council (each 基本目標 beside the 重点目標 serving it) "
        "and link each city goal to the council goals that serve it. Import both plans first.",
    )
    links.add_argument("file", type=Path, help="the city plan document")
    links.add_argument("--json", action="store_true", help="print the links as JSON")
    links.set_defaults(handler=_import_goal_links)


def _register_reviews(subparsers: Any) -> None:
    propose = subparsers.add_parser(
        "propose-merges",
        help="propose pairs of project names that may be one renamed project",
        description="Compare the project names of all stored reports (NFKC, spaces and ・ removed, 開催/事業 "
        "dropped, edit similarity) and print pairs with a score. Nothing is merged: an admin decides.",
    )
    propose.add_argument("--threshold", type=float, default=0.8, help="lowest score shown (0-1, default 0.8)")
    propose.add_argument("--json", action="store_true", help="print the pairs as JSON")
    propose.set_defaults(handler=_propose_merges)

    merge = subparsers.add_parser(
        "merge-projects",
        help="merge one project into another; the merged name stays as an alias",
        description="Move the report entries, indicator links and aliases of MERGE to KEEP, keep MERGE's name "
        "as an alias of KEEP, and delete MERGE. One transaction.",
    )
    merge.add_argument("keep", help="the name to keep")
    merge.add_argument("merge", help="the name to merge into it")
    merge.add_argument("--organisation", help="the organisation (default: the one that has both names)")
    merge.set_defaults(handler=_merge_projects)

    check = subparsers.add_parser(
        "check-consistency",
        help="list figures and rows that deserve a second look (nothing is changed)",
        description="List quantities far from last year's (×10, ÷10), results that read like a neighbouring "
        "project's, and KPIs whose printed rate disagrees with target and actual.",
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.set_defaults(handler=_check_consistency)


def _import_revisions(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.lifecycle.services.revision_import import RevisionImport, revision_json
    from sasaeai.people.roles import COMMAND_LINE

    revision, changed = RevisionImport(
        COMMAND_LINE, read_input(args.file), args.file.name, args.organisation
    ).execute()
    data = revision_json(revision, changed)
    if args.json:
        print_json(data)
    else:
        state = "stored" if changed else "already stored; nothing changed"
        print(
            f"{revision.plan}: revision effective FY{revision.effective_year} {state} "
            f"({len(data['items'])} items, {len(data['new_projects'])} new projects)."
        )
    return 0


def _import_kpi(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.lifecycle.services.kpi_import import KpiImport, kpi_sheet_json
    from sasaeai.people.roles import COMMAND_LINE

    sheet, changed = KpiImport(
        COMMAND_LINE, read_input(args.file), args.file.name, args.fiscal_year
    ).execute()
    data = kpi_sheet_json(sheet, changed)
    if args.json:
        print_json(data)
    else:
        state = "stored" if changed else "already stored; nothing changed"
        print(f"{sheet.project_name}: KPI sheet {state} ({len(data['kpis'])} KPIs).")
    return 0


def _import_goal_links(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.lifecycle.services.goal_link_import import GoalLinkImport
    from sasaeai.people.roles import COMMAND_LINE

    links, changed = GoalLinkImport(COMMAND_LINE, read_input(args.file), args.file.name).execute()
    pairs = [{"city_goal": link.city_goal.number, "council_goal": link.council_goal.number} for link in links]
    if args.json:
        print_json({"changed": changed, "links": pairs})
    else:
        print(f"{len(pairs)} goal links {'stored' if changed else 'already stored; nothing changed'}.")
    return 0


def _propose_merges(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.lifecycle.services.merges import all_proposals, proposal_json

    if not 0 <= args.threshold <= 1:
        raise SasaeaiError(
            "The threshold is a number from 0 to 1.", "しきい値は0から1の数で指定してください。"
        )
    proposals = all_proposals(args.threshold)
    if args.json:
        print_json({"pairs": [proposal_json(org, p) for org, p in proposals]})
    else:
        for organisation, p in proposals:
            print(f"{p.score:.3f}\t{p.merge} → {p.keep}\t({organisation})")
        if not proposals:
            print("No project names look alike.")
    return 0


def _merge_projects(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.lifecycle.services.merges import MergeProjects
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.reports.models import Project

    keep = _project_named(Project, args.keep, args.organisation)
    merge = _project_named(Project, args.merge, args.organisation or keep.organisation.name)
    MergeProjects(COMMAND_LINE, keep, merge).execute()
    print(f"{args.merge} merged into {args.keep}; the old name is kept as an alias.")
    return 0


def _project_named(model: Any, name: str, organisation: str | None) -> Any:
    found = model.objects.filter(name=name)
    if organisation:
        found = found.filter(organisation__name=organisation)
    projects = list(found.select_related("organisation")[:2])
    if len(projects) != 1:
        reason = "No project" if not projects else "More than one project"
        raise SasaeaiError(
            f"{reason} is called {name}; check the name or give --organisation.",
            f"「{name}」という事業が{'見つかりません' if not projects else '複数あります'}。",
        )
    return projects[0]


def _check_consistency(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.lifecycle.findings import all_findings

    findings = all_findings()
    if args.json:
        print_json({"findings": [f.to_json() for f in findings]})
    else:
        for located in findings:
            print(
                f"{located.finding.kind}\t{located.where()}\t{located.finding.subject}\t{located.finding.message}"
            )
        if not findings:
            print("No findings.")
    return 0
