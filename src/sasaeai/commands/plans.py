"""Plan commands: ``export-plan`` writes a stored plan as the template workbook or the plan JSON.

What it writes, ``import-plan`` reads back into the same plan (docs/plan-format.md):
``sasaeai export-plan --plan 1 --format xlsx -o plan.xlsx`` on one database and
``sasaeai import-plan plan.xlsx`` on another.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sasaeai.commands import setup_django
from sasaeai.commands.exports import write_atomically
from sasaeai.core.errors import SasaeaiError

FORMATS = ("xlsx", "json")


def register(subparsers: Any) -> None:
    """Add the plan commands to the ``sasaeai`` parser."""
    export = subparsers.add_parser(
        "export-plan",
        help="write a stored plan as the template workbook (xlsx) or the plan JSON, for import-plan",
        description="Write a stored plan — goals, policies, approaches, items with departments, indicators and "
        "their parts with baselines, targets, directions, qualifiers and the actuals recorded with the plan — as "
        "the template workbook a secretariat fills in with Excel (sheets 説明, 計画, 体系, 指標) or as the plan "
        "JSON. import-plan reads either back into the same plan; the workbook does not carry the organisation, "
        "the kind or the thresholds (give --organisation and --kind to import-plan). With --empty, write the "
        "empty template.",
    )
    export.add_argument("--plan", type=int, help="the plan's id (default: the only stored plan)")
    export.add_argument("--format", choices=FORMATS, help="default: from the suffix of -o")
    export.add_argument("--empty", action="store_true", help="write the empty template (no database needed)")
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.set_defaults(handler=_export_plan)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = str(args.output.suffix).lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise SasaeaiError(
        f"Say --format xlsx or --format json (the name {args.output.name} does not tell).",
        "出力形式（xlsx か json）を指定してください。",
    )


def find_plan(plan_id: int | None) -> Any:
    """The plan of ``--plan``, or the only stored one; one sentence when there is none or a choice to make."""
    from sasaeai.plans.models import Plan

    if plan_id is not None:
        found = Plan.objects.select_related("organisation").filter(pk=plan_id).first()
        if found is None:
            raise SasaeaiError(f"There is no plan {plan_id}.", f"計画 {plan_id} は登録されていません。")
        return found
    plans = list(Plan.objects.select_related("organisation").order_by("pk")[:20])
    if not plans:
        raise SasaeaiError("No plan is stored yet; run import-plan first.", "計画がまだ登録されていません。")
    if len(plans) > 1:
        listed = ", ".join(f"{plan.pk} ({plan.title})" for plan in plans)
        raise SasaeaiError(
            f"Several plans are stored; choose one with --plan: {listed}.",
            "計画が複数あります。--plan で番号を指定してください。",
        )
    return plans[0]


def _export_plan(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if args.empty:
        from sasaeai.core.plan_workbook import write_plan_workbook

        if fmt != "xlsx":
            raise SasaeaiError(
                "The empty template is a workbook: use --format xlsx.", "空の入力用ブックは xlsx です。"
            )
        write_atomically(args.output, write_plan_workbook({"goals": []}))
        print(f"{args.output}: the empty plan template")
        return 0
    setup_django()
    from sasaeai.core.plan_json import count_plan
    from sasaeai.plans.export import plan_json, plan_workbook

    plan = find_plan(args.plan)
    data = plan_json(plan)
    if fmt == "xlsx":
        write_atomically(args.output, plan_workbook(plan))
    else:
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        write_atomically(args.output, text.encode("utf-8"))
    counts = ", ".join(f"{count} {what.replace('_', ' ')}" for what, count in count_plan(data).items())
    print(
        f"{args.output}: {plan.title} (FY{plan.start_year}–FY{plan.end_year}) of {plan.organisation}: {counts}"
    )
    return 0
