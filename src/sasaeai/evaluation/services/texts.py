"""The written evaluation (評価文): drafted from the numbers, edited and approved by the secretariat.

Drafting is :mod:`sasaeai.core.narrative`'s (rules and wording in one place);
this module lays the drafts beside the stored texts of a plan and a fiscal
year, saves edits and approvals (with the audit trail and a version check
against lost updates), and hands the approved texts to the sheet, its PDF
and open data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sasaeai.audit.trail import audit, recorded_user
from sasaeai.core import evaluation as rules
from sasaeai.core.narrative import draft_approach_text, draft_part_text
from sasaeai.core.text import collapse_spaces
from sasaeai.evaluation.models import EvaluationText, TextStatus
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Approach, IndicatorPart, Plan

from .evaluate import EvaluatedPart, evaluate_parts

MAX_TEXT = 2000
PART, APPROACH = "part", "approach"


@dataclass
class TextItem:
    """One subject's text on the page: the draft from today's numbers beside what is stored."""

    kind: str  # PART or APPROACH
    subject: IndicatorPart | Approach
    heading: str
    grade: str
    draft: str
    stored: EvaluationText | None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.subject.pk}"

    @property
    def text(self) -> str:
        return self.stored.text if self.stored else self.draft

    @property
    def approved(self) -> bool:
        return self.stored is not None and self.stored.approved

    @property
    def status_label(self) -> str:
        return self.stored.get_status_display() if self.stored else "文案のまま（未保存）"

    @property
    def version(self) -> int:
        return self.stored.version if self.stored else 0

    @property
    def numbers_changed(self) -> bool:
        """The numbers moved since the text was saved: its draft is no longer today's."""
        return self.stored is not None and self.stored.drafted != self.draft


def _part_heading(part: IndicatorPart) -> str:
    return " ".join(filter(None, [part.indicator.name, part.label]))


def _approach_heading(approach: Approach) -> str:
    return f"取組方針{approach.number} {approach.title}".strip()


def text_items(user: Actor, plan: Plan, year: int) -> list[TextItem]:
    """Every approach with indicators and every indicator part of ``plan``, in plan order, for ``year``.

    Drafts use the figures ``user`` may count (approved reports), up to ``year``.
    """
    evaluated = evaluate_parts(user, year, [plan])
    stored = {
        (PART if text.part_id else APPROACH, text.part_id or text.approach_id): text
        for text in EvaluationText.objects.filter(plan=plan, fiscal_year=year)
    }
    by_approach: dict[Approach, list[EvaluatedPart]] = defaultdict(list)
    for found in evaluated:
        by_approach[found.part.indicator.approach].append(found)
    thresholds = rules.Thresholds.from_json(plan.thresholds)
    items: list[TextItem] = []
    for approach, parts in by_approach.items():
        grades = [found.grade_in(year) for found in parts]
        rollup = rules.roll_up(grades, thresholds)
        items.append(
            TextItem(
                APPROACH,
                approach,
                _approach_heading(approach),
                rollup or "未評価",
                draft_approach_text(grades, rollup),
                stored.get((APPROACH, approach.pk)),
            )
        )
        for found in parts:
            grade = found.grade_in(year)
            items.append(
                TextItem(
                    PART,
                    found.part,
                    _part_heading(found.part),
                    rules.GRADE_LABELS.get(grade, grade),
                    draft_part_text(found.evaluation, year, found.thresholds),
                    stored.get((PART, found.part.pk)),
                )
            )
    return items


def approved_texts(plan: Plan, year: int | None) -> dict[tuple[str, int], str]:
    """The approved texts of ``plan`` for ``year``, keyed ``(PART, part id)`` and ``(APPROACH, approach id)``."""
    if year is None:
        return {}
    found = EvaluationText.objects.filter(plan=plan, fiscal_year=year, status=TextStatus.APPROVED)
    return {
        (PART if text.part_id else APPROACH, text.part_id or text.approach_id): text.text  # type: ignore[misc]
        for text in found
    }


class SaveEvaluationText(Operation):
    """Store the secretariat's text for one subject and year; ``approve`` also approves it.

    Saving a changed text makes an approved one a draft again.  ``version`` is
    the version the editor started from: if someone saved in between, the save
    is refused and nothing is lost.
    """

    def __init__(
        self, user: Actor, plan: Plan, year: int, key: str, text: str, version: int, approve: bool = False
    ) -> None:
        super().__init__(user)
        self.plan, self.year, self.key, self.version, self.approve = plan, year, key, version, approve
        self.text = "\n".join(collapse_spaces(line) for line in text.strip().splitlines()).strip()
        self.item: TextItem | None = None

    def check(self) -> None:
        if not (
            permissions.is_secretariat(self.user)
            and permissions.can_manage(self.user, self.plan.organisation)
        ):
            refuse(
                "Only the plan's secretariat writes its evaluation.",
                "評価文を書けるのは計画の事務局だけです。",
            )
        if not self.text:
            refuse("The text is empty.", "評価文が空です。")
        if len(self.text) > MAX_TEXT:
            refuse(
                f"The text is longer than {MAX_TEXT} characters.",
                f"評価文は{MAX_TEXT}字以内にしてください（{len(self.text)}字あります）。",
            )
        self.item = next(
            (item for item in text_items(self.user, self.plan, self.year) if item.key == self.key), None
        )
        if self.item is None:
            refuse(
                "The plan has no such indicator or approach.", "その指標・取組方針はこの計画にありません。"
            )
        if self.item.version != self.version:
            refuse(
                "Someone saved this text after you opened it; reload the page.",
                "開いた後にほかの人がこの評価文を保存しました。画面を読み込み直してから書き直してください。",
            )

    def execute(self) -> EvaluationText:
        with transaction.atomic():
            self.check()
            item = self.item
            assert item is not None
            stored = item.stored or EvaluationText(
                plan=self.plan,
                fiscal_year=self.year,
                part=item.subject if isinstance(item.subject, IndicatorPart) else None,
                approach=item.subject if isinstance(item.subject, Approach) else None,
                version=0,
            )
            if (
                stored.pk
            ):  # a writer who saved between the check and now would be overwritten: look again, locked
                current = (
                    EvaluationText.objects.select_for_update()
                    .values_list("version", flat=True)
                    .get(pk=stored.pk)
                )
                if current != self.version:
                    refuse(
                        "Someone saved this text after you opened it; reload the page.",
                        "開いた後にほかの人がこの評価文を保存しました。画面を読み込み直してから書き直してください。",
                    )
            old_text, old_status = (stored.text, stored.status) if stored.pk else ("", "")
            changed = stored.text != self.text
            stored.drafted, stored.text = item.draft, self.text
            if changed or not stored.pk:
                stored.edited_by, stored.edited_at = recorded_user(self.user), timezone.now()
            if self.approve:
                stored.status = TextStatus.APPROVED
                stored.approved_by, stored.approved_at = recorded_user(self.user), timezone.now()
            elif changed:
                stored.status = TextStatus.DRAFT
                stored.approved_by = stored.approved_at = None
            stored.version += 1
            stored.save()
            if changed:
                audit(self.user, stored, "text", old_text, stored.text, "evaluation text")
            if stored.status != old_status:
                audit(self.user, stored, "status", old_status, stored.status, "evaluation text")
        return stored
