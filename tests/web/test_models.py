"""The stored words: constraints and the shape of the cast."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from sasaeai.plans.models import Comment
from sasaeai.reports.models import Project, Report

from .base import Cast


def test_cast_has_a_plan_tree_down_to_an_indicator_part(cast: Cast) -> None:
    assert cast.plan.goals.get() == cast.goal
    assert cast.part.indicator.approach.policy.goal.plan == cast.plan
    assert [p.name for p in cast.approach.departments.all()] == ["地域福祉課"]


def test_project_names_are_unique_within_an_organisation(cast: Cast) -> None:
    Project.objects.create(organisation=cast.city, name=cast.salon.name)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(organisation=cast.council, name=cast.salon.name)


def test_one_report_per_organisation_and_period(cast: Cast) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(organisation=cast.council, fiscal_year=2025, period="Q4")


def test_comment_names_exactly_one_subject(cast: Cast) -> None:
    Comment.objects.create(author=cast.committee, indicator=cast.indicator, fiscal_year=2025, text="順調です")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            author=cast.committee, indicator=cast.indicator, goal=cast.goal, fiscal_year=2025, text="両方"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(author=cast.committee, fiscal_year=2025, text="対象なし")


def test_reported_quantity_keeps_decimal_value(cast: Cast) -> None:
    cast.salon_count.refresh_from_db()
    assert str(cast.salon_count.value.normalize()) == "87"
    assert cast.salon_count.unit == "箇所"


def test_admin_site_change_of_a_target_is_audited(cast: Cast, client) -> None:  # type: ignore[no-untyped-def]
    from django.forms.models import model_to_dict

    from sasaeai.audit.models import AuditEntry

    client.force_login(cast.operator)
    indicator = {k: ("" if v is None else v) for k, v in model_to_dict(cast.indicator).items()}
    part = {f"parts-0-{k}": ("" if v is None else v) for k, v in model_to_dict(cast.part).items()}
    data = {
        **indicator,
        "approach": cast.approach.pk,
        **part,
        "parts-0-target_value": "85",
        "parts-0-indicator": cast.indicator.pk,
        "parts-TOTAL_FORMS": "1",
        "parts-INITIAL_FORMS": "1",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"/admin/plans/indicator/{cast.indicator.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.part.refresh_from_db()
    assert cast.part.target_value == 85
    entry = AuditEntry.objects.get(field="target_value")
    assert (entry.user, entry.old, entry.new, entry.reason) == (cast.operator, "83", "85", "admin site")
