"""The levels of a plan's tree as the editor sees them, and the shape every editing operation shares.

Each level (goal, policy, approach, item, indicator, part) names its model,
its Japanese word, the field that leads to its parent, the field that orders
it among its siblings (``number`` as printed, or a stored ``order``) and the
fields the editor changes.  :class:`PlanEdit` is the secretariat's operation
on one plan: checked by organisation, run in one transaction, every change
audited and filed under the plan (:func:`~sasaeai.plans.services.changes.record`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from sasaeai.evaluation.services.stored import refresh_plans
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Item, Plan, Policy
from sasaeai.plans.services.changes import plan_of, record
from sasaeai.plans.services.part_rules import Problem, model_field, part_problems

MAX_REASON = 2000
MAX_NUMBER = 32767  # PositiveSmallIntegerField
PART_FIELDS = (
    *("label", "marker", "direction", "tolerance"),
    *("baseline_year", "baseline_value", "baseline_unit", "baseline_text"),
    *("target_year", "target_value", "target_unit", "target_text", "target_qualifier"),
)
_DEPARTMENT_BREAK_RE = re.compile(r"[\s/／、,，]")  # what the plan readers split 担当課 lists at


@dataclass(frozen=True)
class Level:
    """One level of the tree: its model, word, parent field, ordering field and editable fields."""

    key: str
    model: type[models.Model]
    word: str
    parent: str
    position: str  # "number" (as printed) or "order"
    fields: tuple[str, ...]
    departments: bool = False

    @property
    def unique_numbers(self) -> bool:
        """Goals, policies and approaches are unique by number under their parent; items may repeat one (再掲)."""
        return self.position == "number" and self.model is not Item

    @property
    def name_field(self) -> str:
        return "name" if self.model is Indicator else "label" if self.model is IndicatorPart else "title"

    def siblings(self, parent: models.Model) -> models.QuerySet[Any]:
        """The parent's children of this level, in their order."""
        manager: models.Manager[Any] = self.model._default_manager
        return manager.filter(**{self.parent: parent}).order_by(self.position, "id")

    def parent_of(self, node: models.Model) -> models.Model:
        parent: models.Model = getattr(node, self.parent)
        return parent


LEVELS: dict[str, Level] = {
    level.key: level
    for level in (
        Level("goal", Goal, "基本目標", "plan", "number", ("number", "title")),
        Level("policy", Policy, "施策", "goal", "number", ("number", "title")),
        Level(
            "approach", Approach, "取組方針", "policy", "number", ("number", "title", "printed_marker"), True
        ),
        Level("item", Item, "取組項目", "approach", "number", ("number", "title"), True),
        Level("indicator", Indicator, "評価指標", "approach", "order", ("name",)),
        Level("part", IndicatorPart, "内訳", "indicator", "order", PART_FIELDS),
    )
}


def level_of(node: models.Model) -> Level:
    return next(level for level in LEVELS.values() if isinstance(node, level.model))


def describe(node: models.Model) -> str:
    """How the history shows a thing added or deleted: "取組方針3 見守りの輪", "内訳 求職 118人 → 130人"."""
    if isinstance(node, IndicatorPart):
        values = f"{node.baseline_text or '—'} → {node.target_text or '—'}"
        return f"内訳 {node.label} {values}" if node.label else f"内訳 {values}"
    if isinstance(node, Indicator):
        return f"評価指標 {node.name}"
    level = level_of(node)
    prefix = "取組項目No." if isinstance(node, Item) else level.word
    return f"{prefix}{getattr(node, 'number', '')} {getattr(node, 'title', '')}"


def _text_problems(level: Level, values: Mapping[str, Any]) -> list[Problem]:
    found = []
    for name in level.fields:
        if name not in values or not isinstance(values[name], str):
            continue
        field = model_field(level.model, name)
        if name == level.name_field and level.model is not IndicatorPart and not values[name].strip():
            found.append(Problem(name, f"Give the {name}.", f"{field.verbose_name}を入力してください。"))
        max_length = getattr(field, "max_length", None)
        if max_length is not None and len(values[name]) > max_length:
            found.append(
                Problem(
                    name,
                    f"{name} has more than {max_length} characters.",
                    f"{field.verbose_name}は{max_length}文字以内にしてください。",
                )
            )
    return found


def _number_problems(
    level: Level, values: Mapping[str, Any], parent: models.Model, node: models.Model | None
) -> list[Problem]:
    number = values.get("number")
    if "number" not in level.fields or number is None:
        return []
    if not 0 <= number <= MAX_NUMBER:
        return [
            Problem("number", "The number is out of range.", f"番号は0から{MAX_NUMBER}までにしてください。")
        ]
    taken = level.siblings(parent).filter(number=number)
    if node is not None:
        taken = taken.exclude(pk=node.pk)
    if level.unique_numbers and taken.exists():
        return [
            Problem(
                "number",
                f"{level.word} {number} exists already here.",
                f"{level.word}{number} はすでにあります。別の番号にしてください。",
            )
        ]
    return []


def department_problems(names: list[str]) -> list[Problem]:
    for name in names:
        if _DEPARTMENT_BREAK_RE.search(name) or len(name) > 200:
            return [
                Problem(
                    "departments",
                    f"The department name {name!r} holds a space or a separator, or is too long.",
                    f"担当課「{name}」には空白や区切り（、/）を含めず、200文字以内にしてください。",
                )
            ]
    return []


def node_problems(
    level: Level,
    plan: Plan,
    values: Mapping[str, Any],
    parent: models.Model,
    node: models.Model | None = None,
) -> list[Problem]:
    """Everything wrong with ``values`` for a node of ``level`` under ``parent`` (``node`` when it exists)."""
    found = _text_problems(level, values) + _number_problems(level, values, parent, node)
    if level.departments:
        found += department_problems(list(values.get("departments") or []))
    if level.model is IndicatorPart:
        found += part_problems(plan, values)
    return found


class PlanEdit(Operation):
    """A change of one plan by its organisation's secretariat: checked, one transaction, audited."""

    def __init__(self, user: Actor, plan: Plan, reason: str = "") -> None:
        super().__init__(user)
        self.plan, self.reason = plan, (reason or "").strip()

    def check(self) -> None:
        if not permissions.can_manage(self.user, self.plan.organisation):
            refuse(
                "Only the plan's own secretariat edits it.",
                "計画を編集できるのは、その計画の組織の事務局だけです。",
            )
        if len(self.reason) > MAX_REASON:
            refuse(
                f"A reason has at most {MAX_REASON} characters.",
                f"理由は{MAX_REASON}文字以内で入力してください。",
            )
        self.validate()

    def validate(self) -> None:
        """Refuse with the first problem of the values (subclasses)."""

    def refuse_first(self, problems: list[Problem]) -> None:
        if problems:
            refuse(problems[0].message, problems[0].message_ja)

    def apply(self) -> Any:
        raise NotImplementedError

    def execute(self) -> Any:
        self.check()
        with transaction.atomic():
            done = self.apply()
            if self.plan.pk is not None:
                refresh_plans([self.plan.pk])
            return done

    def record(self, subject: models.Model, field: str, old: object, new: object) -> None:
        record(self.user, self.plan, subject, field, old, new, self.reason)

    def restate(self, indicator: Indicator) -> None:
        """An indicator's printed baseline and target are its parts' printed texts, as the template reads them.

        Kept in step whenever a part changes, so that the indicator's texts (open data, the API) say
        what its parts say; the parts' own changes are what the history records.
        """
        parts = list(indicator.parts.order_by("order", "id"))
        for side in ("baseline", "target"):
            setattr(
                indicator,
                f"{side}_text",
                " ".join(t for p in parts if (t := getattr(p, f"{side}_text")))[:300],
            )
        indicator.save(update_fields=["baseline_text", "target_text"])

    def set_departments(self, node: Approach | Item, names: list[str]) -> None:
        """Give the node these departments of the plan's organisation (created on first mention)."""
        old = [department.name for department in node.departments.order_by("name")]
        wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
        if not wanted and isinstance(node, Item):
            # As in the template workbook: an item with no 担当課 of its own is its approach's.
            wanted = [department.name for department in node.approach.departments.all()]
        if sorted(wanted) == old:
            return
        found = [
            Department.objects.get_or_create(organisation=self.plan.organisation, name=name)[0]
            for name in wanted
        ]
        node.departments.set(found)
        self.record(node, "departments", "、".join(old), "、".join(sorted(wanted)))


def plan_edit_of(node: models.Model) -> Plan:
    """The plan of a node, with its organisation, for the permission check."""
    plan = plan_of(node)
    return Plan.objects.select_related("organisation").get(pk=plan.pk)
