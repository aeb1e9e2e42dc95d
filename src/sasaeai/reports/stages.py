"""Where each department part stands, as the staff name it: 未着手, 作成中, 提出済, 差戻し, 承認済, 公開.

The stored statuses (:class:`~sasaeai.reports.models.PartStatus`) say what the
workflow allows; a stage adds what people ask of a board: has the department
begun (a draft without a single figure is 未着手), and is the report public.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models

from sasaeai.reports.models import PartStatus, Quantity, ReportPart, ReportStatus, Side


class Stage(models.TextChoices):
    """進捗: a part's place on the way, for the report page, the board and the tasks."""

    NOT_STARTED = "not_started", "未着手"
    DRAFT = "draft", "作成中"
    SUBMITTED = "submitted", "提出済"
    RETURNED = "returned", "差戻し"
    APPROVED = "approved", "承認済"
    PUBLISHED = "published", "公開"


def stage_of(part: ReportPart, has_figures: bool) -> Stage:
    """The stage of a part whose report is at hand; ``has_figures``: a figure of the part has a value."""
    if part.report.status == ReportStatus.PUBLISHED:
        return Stage.PUBLISHED
    if part.status == PartStatus.DRAFT and not has_figures:
        return Stage.NOT_STARTED
    return Stage(part.status)


def with_figures(parts: models.QuerySet[ReportPart]) -> models.QuerySet[ReportPart]:
    """The parts, each annotated ``has_figures``: one of its projects' current figures has a value."""
    entered = Quantity.objects.filter(
        entry__report=models.OuterRef("report"),
        side=Side.CURRENT,
        value__isnull=False,
    )
    by_department = entered.filter(entry__project__department=models.OuterRef("department"))
    secretariat = entered.filter(entry__project__department__isnull=True)
    return parts.annotate(
        has_figures=models.Case(
            models.When(department__isnull=True, then=models.Exists(secretariat)),
            default=models.Exists(by_department),
            output_field=models.BooleanField(),
        )
    )


def staged(parts: Iterable[ReportPart]) -> list[ReportPart]:
    """The parts (annotated by :func:`with_figures`), each given ``stage``."""
    result = []
    for part in parts:
        part.stage = stage_of(part, bool(getattr(part, "has_figures", True)))  # type: ignore[attr-defined]
        result.append(part)
    return result


def is_overdue(due_on: date | None, today: date) -> bool:
    """Past its due date (提出期限): the due day itself still counts as in time."""
    return due_on is not None and today > due_on
