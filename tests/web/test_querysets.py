"""The access rules and orderings asked of the database: ``visible_to``, ``editable_by``, ``in_plan_order``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from sasaeai.plans.models import Approach, Comment, Goal, Indicator, IndicatorPart, Item, Plan, Policy
from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report, ReportStatus, Side
from tests.conftest import fresh_copy

from .base import Cast


def test_the_public_sees_only_published_reports_entries_and_figures(cast: Cast) -> None:
    public = cast.anonymous
    assert list(Report.objects.visible_to(public)) == [cast.published]
    assert {e.report_id for e in ProjectEntry.objects.visible_to(public)} == {cast.published.pk}
    assert {q.entry.report_id for q in Quantity.objects.visible_to(public)} == {cast.published.pk}


def test_the_councils_staff_see_every_report_of_the_council(cast: Cast, subtests: pytest.Subtests) -> None:
    for user in (cast.admin, cast.editor, cast.approver, cast.other_editor):
        with subtests.test(user=user.username):
            assert set(Report.objects.visible_to(user)) == {cast.draft, cast.published}


def test_an_editor_edits_only_their_departments_entries_of_draft_reports(cast: Cast) -> None:
    assert list(ProjectEntry.objects.editable_by(cast.editor)) == [cast.salon_entry]
    assert list(Project.objects.editable_by(cast.editor)) == [cast.salon]


def test_the_secretariat_edits_every_draft_entry_and_nothing_once_submitted(cast: Cast) -> None:
    assert set(ProjectEntry.objects.editable_by(cast.admin)) == {cast.salon_entry, cast.newsletter_entry}
    Report.objects.filter(pk=cast.draft.pk).update(status=ReportStatus.SUBMITTED)
    assert not ProjectEntry.objects.editable_by(cast.admin).exists()


def test_approvers_committee_and_the_public_edit_no_figures(cast: Cast, subtests: pytest.Subtests) -> None:
    for user in (cast.approver, cast.committee, cast.anonymous):
        with subtests.test(user=str(user)):
            assert not ProjectEntry.objects.editable_by(user).exists()
            assert not Project.objects.editable_by(user).exists()


def test_current_figures_come_before_the_comparison_figures(cast: Cast) -> None:
    entry = cast.salon_entry
    Quantity.objects.create(entry=entry, side=Side.COMPARISON, order=0, label="登録数", value=Decimal(80))
    Quantity.objects.create(entry=entry, side=Side.CURRENT, order=1, label="参加者", value=Decimal(40))
    rows = [(q.side, q.order) for q in entry.quantities.in_report_order()]
    assert rows == [(Side.CURRENT, 0), (Side.CURRENT, 1), (Side.COMPARISON, 0)]
    assert [(q.side, q.order) for q in entry.quantities.all()] == rows


# The plan orderings below need more of a plan than the cast has.  Their data is built
# once, when the first of them runs, and stays until the module ends: they come last.


@dataclass
class PlanOrder:
    first_goal: Goal
    first_approach: Approach
    first_indicator: Indicator
    first_parts: list[IndicatorPart]


@pytest.fixture(scope="module")
def module_plan_order(module_cast: Cast) -> PlanOrder:
    """A second goal numbered before the cast's, created after it: the numbers decide, not the ids."""
    first_goal = Goal.objects.create(plan=module_cast.plan, number=0, title="先に並ぶ目標")
    policy = Policy.objects.create(goal=first_goal, number=1, title="施策")
    first_approach = Approach.objects.create(policy=policy, number=1, title="取組方針")
    first_indicator = Indicator.objects.create(approach=first_approach, name="先の指標")
    first_parts = [
        IndicatorPart.objects.create(indicator=first_indicator, order=order, label=label)
        for order, label in ((1, "二番目"), (0, "一番目"))
    ]
    Item.objects.create(approach=first_approach, number=2, title="二")
    Item.objects.create(approach=module_cast.approach, number=1, title="一")
    other = Plan.objects.create(
        organisation=module_cast.council, kind="council", title="別の計画", start_year=2021, end_year=2026
    )
    Goal.objects.create(plan=other, number=1, title="別の計画の目標")
    return PlanOrder(first_goal, first_approach, first_indicator, first_parts)


@pytest.fixture
def plan_order(module_plan_order: PlanOrder, cast: Cast) -> PlanOrder:
    return fresh_copy(module_plan_order)


def test_parts_follow_the_tree_then_their_own_order(cast: Cast, plan_order: PlanOrder) -> None:
    parts = list(IndicatorPart.objects.of_plan(cast.plan).in_plan_order())
    assert parts == [plan_order.first_parts[1], plan_order.first_parts[0], cast.part]


def test_indicators_approaches_goals_and_items_of_one_plan_in_its_order(
    cast: Cast, plan_order: PlanOrder
) -> None:
    plan = cast.plan
    assert list(Indicator.objects.of_plan(plan).in_plan_order()) == [
        plan_order.first_indicator,
        cast.indicator,
    ]
    assert list(Approach.objects.of_plan(plan).in_plan_order()) == [plan_order.first_approach, cast.approach]
    assert list(Goal.objects.of_plan(plan).in_plan_order()) == [plan_order.first_goal, cast.goal]
    assert [i.title for i in Item.objects.of_plan(plan).in_plan_order()] == ["一", "二"]


def test_of_plans_leaves_out_other_plans(cast: Cast, plan_order: PlanOrder) -> None:
    assert Goal.objects.of_plans([cast.plan]).count() == 2
    assert Goal.objects.count() == 3


def test_comments_about_a_plan_are_those_on_its_indicators_approaches_and_goals(
    cast: Cast, plan_order: PlanOrder
) -> None:
    author = cast.committee
    on_indicator = Comment.objects.create(author=author, indicator=cast.indicator, fiscal_year=2025, text="a")
    on_approach = Comment.objects.create(author=author, approach=cast.approach, fiscal_year=2025, text="b")
    on_goal = Comment.objects.create(author=author, goal=cast.goal, fiscal_year=2025, text="c")
    elsewhere = Goal.objects.exclude(plan=cast.plan).get()
    Comment.objects.create(author=author, goal=elsewhere, fiscal_year=2025, text="d")
    assert set(Comment.objects.about_plan(cast.plan)) == {on_indicator, on_approach, on_goal}
