"""Reading the stored evaluation (評価結果) as ``sasaeai evaluate --json`` prints it, in a constant number of queries.

Which audience's results a reader sees follows :func:`counted_reports`: the
committee (and the command line) the approved figures, anyone else the
published ones, and staff the approved figures of their own organisations'
reports.  A plan whose parts are measured both by the reader's organisation
and by another one (rare) is evaluated live, as it always was.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from sasaeai.core.evaluation import NOT_EVALUATED
from sasaeai.evaluation.models import Audience, EvaluationResult, RollupResult
from sasaeai.people.models import Role
from sasaeai.people.roles import COMMAND_LINE, Actor, organisation_ids, role_of
from sasaeai.plans.models import Plan

from .evaluate import evaluate_plans

STAFF = (Role.ADMIN, Role.EDITOR, Role.APPROVER)


def stored_evaluation(
    user: Actor | None = None,
    year: int | None = None,
    plans: Iterable[Plan] | None = None,
    indicator: int | None = None,
    with_rollups: bool = True,
) -> dict[str, Any]:
    """``{"indicators": [...], "rollups": [...]}`` as :func:`evaluate_plans` gives them, from the stored results.

    ``indicator`` keeps only that indicator's parts (and leaves out roll-ups).
    """
    who = COMMAND_LINE if user is None else user
    chosen = list(plans) if plans is not None else list(Plan.objects.order_by("pk"))
    audiences, live = _audiences(who, [plan.pk for plan in chosen])
    indicators = _indicators(audiences, year, indicator)
    found_rollups = _rollups(audiences, year) if with_rollups and indicator is None else {}
    result: dict[str, Any] = {"indicators": [], "rollups": []}
    for plan in chosen:
        if plan.pk in live:
            evaluated = evaluate_plans(user, year, [plan])
            if indicator is not None:
                evaluated["indicators"] = [i for i in evaluated["indicators"] if i["id"] == indicator]
            result["indicators"].extend(evaluated["indicators"])
            result["rollups"].extend(evaluated["rollups"] if indicator is None and with_rollups else [])
            continue
        result["indicators"].extend(indicators.get(plan.pk, []))
        result["rollups"].extend(found_rollups.get(plan.pk, []))
    return result


def _audiences(who: Actor, plan_ids: list[int]) -> tuple[dict[int, str], set[int]]:
    """Each plan's audience for ``who``; the plans to evaluate live."""
    role = role_of(who)
    if role == Role.COMMITTEE or isinstance(who, type(COMMAND_LINE)):
        return dict.fromkeys(plan_ids, Audience.COMMITTEE), set()
    if role not in STAFF:
        return dict.fromkeys(plan_ids, Audience.PUBLIC), set()
    own = organisation_ids(who) or set()
    audiences: dict[int, str] = {}
    live: set[int] = set()
    reporting = RollupResult.objects.filter(
        plan_id__in=plan_ids, level="plan", audience=Audience.COMMITTEE, as_of_year__isnull=True
    ).values_list("plan_id", "report_organisations")
    for plan_id, organisations in reporting:
        theirs = set(organisations)
        if theirs and theirs <= own:
            audiences[plan_id] = Audience.COMMITTEE
        elif theirs & own:
            live.add(plan_id)
        else:
            audiences[plan_id] = Audience.PUBLIC
    return audiences, live


def _of_audiences(audiences: dict[int, str], year: int | None) -> Q:
    by_audience: dict[str, list[int]] = defaultdict(list)
    for plan_id, audience in audiences.items():
        by_audience[audience].append(plan_id)
    which = Q(pk__in=[])
    for audience, ids in by_audience.items():
        which |= Q(plan_id__in=ids, audience=audience)
    years = Q(as_of_year__isnull=True) if year is None else Q(as_of_year__isnull=True) | Q(as_of_year=year)
    return which & years


def _indicators(audiences: dict[int, str], year: int | None, indicator: int | None) -> dict[int, list[Any]]:
    """Each plan's indicators with their parts as of ``year``."""
    rows = EvaluationResult.objects.filter(_of_audiences(audiences, year))
    if indicator is not None:
        rows = rows.filter(indicator_id=indicator)
    wholes: list[dict[str, Any]] = []
    then: dict[int, dict[str, Any]] = {}
    values: Iterable[Any] = rows.order_by("plan_id", "order").values(
        "plan_id", "part_id", "as_of_year", "data", "last_year"
    )
    for row in values:
        if row["as_of_year"] is None:
            wholes.append(row)
        else:
            then[row["part_id"]] = row
    found: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for whole in wholes:
        data = json.loads(whole["data"])
        header = data.pop("indicator")
        part = _as_of(data, whole["last_year"], then.get(whole["part_id"]), year)
        entry = found[whole["plan_id"]].setdefault(header["id"], {**header, "parts": []})
        entry["parts"].append(part)
    return {plan_id: list(entries.values()) for plan_id, entries in found.items()}


def _as_of(
    data: dict[str, Any], last: int | None, then: dict[str, Any] | None, year: int | None
) -> dict[str, Any]:
    """A part's JSON as of ``year`` from its whole evaluation and the stored row of that year."""
    if year is None or (last is not None and year >= last):
        return data
    projection = json.loads(then["data"])["projection"] if then is not None else None
    return {
        **data,
        "actuals": [a for a in data["actuals"] if a["fiscal_year"] <= year],
        "projection": projection,
        "misses": [m for m in data["misses"] if m["fiscal_year"] <= year],
    }


def _rollups(audiences: dict[int, str], year: int | None) -> dict[int, list[dict[str, Any]]]:
    """Each plan's roll-ups as of ``year``: that year's, or the whole span's after it, or none graded before it."""
    rows = RollupResult.objects.filter(_of_audiences(audiences, year))
    wholes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    then: dict[int, list[dict[str, Any]]] = defaultdict(list)
    first: dict[int, int | None] = {}
    values: Iterable[Any] = rows.order_by("plan_id", "order").values(
        "plan_id", "as_of_year", "level", "subject_id", "number", "title", "grade", "first_year"
    )
    for row in values:
        if row["level"] == "plan":
            if row["as_of_year"] is None:
                first[row["plan_id"]] = row["first_year"]
            continue
        (wholes if row["as_of_year"] is None else then)[row["plan_id"]].append(_rollup_json(row))
    found: dict[int, list[dict[str, Any]]] = {}
    for plan_id, whole in wholes.items():
        start = first.get(plan_id)
        if plan_id in then:
            found[plan_id] = then[plan_id]
        elif year is not None and (start is None or year < start):
            found[plan_id] = [{**row, "grade": None} for row in whole]
        else:
            found[plan_id] = whole
    return found


def _rollup_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "level": row["level"],
        "id": row["subject_id"],
        "number": row["number"],
        "title": row["title"],
        "grade": row["grade"],
    }


def plan_summaries(user: Actor, plan_ids: list[int], year: int | None) -> dict[int, dict[str, Any]]:
    """Each plan's count of part grades and its roll-ups by (level, number), as of ``year``, for the overview."""
    who = COMMAND_LINE if user is None else user
    audiences, live = _audiences(who, plan_ids)
    counts: dict[int, dict[str, int]] = {}
    spans: dict[int, tuple[int | None, int | None, int]] = {}
    rows = RollupResult.objects.filter(_of_audiences(audiences, year), level="plan")
    for row in rows.values("plan_id", "as_of_year", "first_year", "last_year", "data"):
        if row["as_of_year"] is None:
            spans[row["plan_id"]] = (row["first_year"], row["last_year"], row["data"]["parts"])
            counts.setdefault(row["plan_id"], row["data"]["counts"])
        else:
            counts[row["plan_id"]] = row["data"]["counts"]
    rollups = _rollups(audiences, year) if audiences else {}
    summaries: dict[int, dict[str, Any]] = {}
    for plan_id in plan_ids:
        if plan_id in live:
            summaries[plan_id] = {"live": True}
            continue
        first, _, parts = spans.get(plan_id, (None, None, 0))
        found = counts.get(plan_id, {})
        if year is not None and (first is None or year < first):
            found = {NOT_EVALUATED: parts}
        summaries[plan_id] = {
            "counts": found,
            "rollups": {(r["level"], r["number"]): r["grade"] for r in rollups.get(plan_id, [])},
        }
    return summaries
