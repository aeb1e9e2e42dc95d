"""The access rules and orderings asked of the database: ``visible_to``, ``editable_by``, ``in_plan_order``."""

from __future__ import annotations

from decimal import Decimal

from sasaeai.plans.models import Approach, Comment, Goal, Indicator, IndicatorPart, Item, Plan, Policy
from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report, ReportStatus, Side

from .base import CastTestCase


class VisibleToTest(CastTestCase):
    def test_the_public_sees_only_published_reports_entries_and_figures(self):
        public = self.cast.anonymous
        self.assertEqual(list(Report.objects.visible_to(public)), [self.cast.published])
        self.assertEqual(
            {e.report_id for e in ProjectEntry.objects.visible_to(public)}, {self.cast.published.pk}
        )
        self.assertEqual(
            {q.entry.report_id for q in Quantity.objects.visible_to(public)}, {self.cast.published.pk}
        )

    def test_the_councils_staff_see_every_report_of_the_council(self):
        for user in (self.cast.admin, self.cast.editor, self.cast.approver, self.cast.other_editor):
            with self.subTest(user=user.username):
                self.assertEqual(set(Report.objects.visible_to(user)), {self.cast.draft, self.cast.published})


class EditableByTest(CastTestCase):
    def test_an_editor_edits_only_their_departments_entries_of_draft_reports(self):
        self.assertEqual(list(ProjectEntry.objects.editable_by(self.cast.editor)), [self.cast.salon_entry])
        self.assertEqual(list(Project.objects.editable_by(self.cast.editor)), [self.cast.salon])

    def test_the_secretariat_edits_every_draft_entry_and_nothing_once_submitted(self):
        self.assertEqual(
            set(ProjectEntry.objects.editable_by(self.cast.admin)),
            {self.cast.salon_entry, self.cast.newsletter_entry},
        )
        Report.objects.filter(pk=self.cast.draft.pk).update(status=ReportStatus.SUBMITTED)
        self.assertFalse(ProjectEntry.objects.editable_by(self.cast.admin).exists())

    def test_approvers_committee_and_the_public_edit_no_figures(self):
        for user in (self.cast.approver, self.cast.committee, self.cast.anonymous):
            with self.subTest(user=str(user)):
                self.assertFalse(ProjectEntry.objects.editable_by(user).exists())
                self.assertFalse(Project.objects.editable_by(user).exists())


class InReportOrderTest(CastTestCase):
    def test_current_figures_come_before_the_comparison_figures(self):
        entry = self.cast.salon_entry
        Quantity.objects.create(entry=entry, side=Side.COMPARISON, order=0, label="登録数", value=Decimal(80))
        Quantity.objects.create(entry=entry, side=Side.CURRENT, order=1, label="参加者", value=Decimal(40))
        rows = [(q.side, q.order) for q in entry.quantities.in_report_order()]
        self.assertEqual(rows, [(Side.CURRENT, 0), (Side.CURRENT, 1), (Side.COMPARISON, 0)])
        self.assertEqual([(q.side, q.order) for q in entry.quantities.all()], rows)


class InPlanOrderTest(CastTestCase):
    """A second goal numbered before the cast's, created after it: the numbers decide, not the ids."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        plan = cls.cast.plan
        cls.first_goal = Goal.objects.create(plan=plan, number=0, title="先に並ぶ目標")
        policy = Policy.objects.create(goal=cls.first_goal, number=1, title="施策")
        cls.first_approach = Approach.objects.create(policy=policy, number=1, title="取組方針")
        cls.first_indicator = Indicator.objects.create(approach=cls.first_approach, name="先の指標")
        cls.first_parts = [
            IndicatorPart.objects.create(indicator=cls.first_indicator, order=order, label=label)
            for order, label in ((1, "二番目"), (0, "一番目"))
        ]
        Item.objects.create(approach=cls.first_approach, number=2, title="二")
        Item.objects.create(approach=cls.cast.approach, number=1, title="一")
        other = Plan.objects.create(
            organisation=cls.cast.council, kind="council", title="別の計画", start_year=2021, end_year=2026
        )
        Goal.objects.create(plan=other, number=1, title="別の計画の目標")

    def test_parts_follow_the_tree_then_their_own_order(self):
        parts = list(IndicatorPart.objects.of_plan(self.cast.plan).in_plan_order())
        self.assertEqual(parts, [self.first_parts[1], self.first_parts[0], self.cast.part])

    def test_indicators_approaches_goals_and_items_of_one_plan_in_its_order(self):
        plan = self.cast.plan
        self.assertEqual(
            list(Indicator.objects.of_plan(plan).in_plan_order()), [self.first_indicator, self.cast.indicator]
        )
        self.assertEqual(
            list(Approach.objects.of_plan(plan).in_plan_order()), [self.first_approach, self.cast.approach]
        )
        self.assertEqual(list(Goal.objects.of_plan(plan).in_plan_order()), [self.first_goal, self.cast.goal])
        self.assertEqual([i.title for i in Item.objects.of_plan(plan).in_plan_order()], ["一", "二"])

    def test_of_plans_leaves_out_other_plans(self):
        self.assertEqual(Goal.objects.of_plans([self.cast.plan]).count(), 2)
        self.assertEqual(Goal.objects.count(), 3)

    def test_comments_about_a_plan_are_those_on_its_indicators_approaches_and_goals(self):
        author = self.cast.committee
        on_indicator = Comment.objects.create(
            author=author, indicator=self.cast.indicator, fiscal_year=2025, text="a"
        )
        on_approach = Comment.objects.create(
            author=author, approach=self.cast.approach, fiscal_year=2025, text="b"
        )
        on_goal = Comment.objects.create(author=author, goal=self.cast.goal, fiscal_year=2025, text="c")
        elsewhere = Goal.objects.exclude(plan=self.cast.plan).get()
        Comment.objects.create(author=author, goal=elsewhere, fiscal_year=2025, text="d")
        self.assertEqual(
            set(Comment.objects.about_plan(self.cast.plan)), {on_indicator, on_approach, on_goal}
        )
