"""The plan's change history: every change of its tree goes to the audit trail and is filed under the plan.

A change is audited on the thing changed (so that the thing's own history
reads as before) and a :class:`~sasaeai.plans.models.PlanChange` row files
that audit row under its plan with the place in the tree, so that the plan's
history still lists the changes of a goal or an indicator after it is deleted.
"""

from __future__ import annotations

from django.db import models

from sasaeai.audit.trail import audit
from sasaeai.people.roles import Actor
from sasaeai.plans.models import (
    Approach,
    Goal,
    Indicator,
    IndicatorPart,
    Item,
    Plan,
    PlanChange,
    Policy,
    RecordedActual,
)

# What the history page calls each audited field.
FIELD_NAMES: dict[str, str] = {
    "created": "追加",
    "deleted": "削除",
    "imported": "取込",
    "number": "番号",
    "order": "並び順",
    "title": "名称",
    "name": "名称",
    "kind": "種別",
    "start_year": "開始年度",
    "end_year": "終了年度",
    "printed_marker": "印字された番号",
    "departments": "担当課",
    "label": "内訳",
    "marker": "番号記号",
    "unit": "単位",
    "direction": "方向",
    "tolerance": "許容幅",
    "baseline_year": "基準年度",
    "baseline_value": "基準値",
    "baseline_unit": "基準値の単位",
    "baseline_text": "基準値の表記",
    "target_year": "目標年度",
    "target_value": "目標値",
    "target_unit": "目標値の単位",
    "target_text": "目標値の表記",
    "target_qualifier": "目標の条件",
}


def place_of(subject: models.Model) -> str:
    """Where a thing stands in its plan: "基本目標1 › 施策2 › 取組方針3 › 指標「見守り協力店の数」"."""
    if isinstance(subject, Goal):
        return f"基本目標{subject.number}"
    if isinstance(subject, Policy):
        return f"{place_of(subject.goal)} › 施策{subject.number}"
    if isinstance(subject, Approach):
        return f"{place_of(subject.policy)} › 取組方針{subject.number}"
    if isinstance(subject, Item):
        return f"{place_of(subject.approach)} › 取組項目No.{subject.number}"
    if isinstance(subject, Indicator):
        return f"{place_of(subject.approach)} › 指標「{subject.name}」"
    if isinstance(subject, IndicatorPart):
        label = f" › 内訳「{subject.label}」" if subject.label else f" › 内訳{subject.order + 1}"
        return place_of(subject.indicator) + label
    if isinstance(subject, RecordedActual):
        return f"{place_of(subject.part)} › {subject.fiscal_year}年度実績"
    return "計画"


def record(
    user: Actor, plan: Plan, subject: models.Model, field: str, old: object, new: object, reason: str = ""
) -> PlanChange:
    """Audit one change of ``subject`` and file it under ``plan``; runs inside the caller's transaction."""
    entry = audit(user, subject, field, old, new, reason)
    return PlanChange.objects.create(plan=plan, entry=entry, place=place_of(subject)[:300])


def plan_of(subject: models.Model) -> Plan:
    """The plan a goal, policy, approach, item, indicator or part belongs to."""
    if isinstance(subject, Plan):
        return subject
    if isinstance(subject, Goal):
        return subject.plan
    if isinstance(subject, Policy):
        return subject.goal.plan
    if isinstance(subject, Approach):
        return subject.policy.goal.plan
    if isinstance(subject, Item | Indicator):
        return subject.approach.policy.goal.plan
    if isinstance(subject, IndicatorPart):
        return subject.indicator.approach.policy.goal.plan
    raise TypeError(f"{type(subject).__name__} is not part of a plan")
