"""Every page answers, in Japanese, with what its visitor may see."""

from __future__ import annotations

from django.urls import reverse

from .base import CastTestCase


class PagesTest(CastTestCase):
    def get(self, user, url):
        if user is not None and user.is_authenticated:
            self.client.force_login(user)
        return self.client.get(url)

    def test_overview_shows_the_plan_and_grades(self):
        response = self.get(self.cast.committee, reverse("overview"))
        self.assertContains(response, "計画と評価の概要")
        self.assertContains(response, "架空市地域福祉計画")
        self.assertContains(response, "令和3年度（2021年度）")

    def test_plan_tree_lists_goal_policy_approach_and_indicator(self):
        response = self.get(self.cast.anonymous, reverse("plan_tree", args=[self.cast.plan.pk]))
        for text in (
            "共に支え合う地域づくり",
            "地域福祉活動の推進",
            "多様な居場所づくり",
            "ふれあいサロン数",
        ):
            self.assertContains(response, text)

    def test_indicator_sheet_shows_baseline_target_actual_and_chart(self):
        response = self.get(self.cast.committee, reverse("indicator_detail", args=[self.cast.indicator.pk]))
        self.assertContains(response, "基準値 令和元年度（2019年度）")
        self.assertContains(response, "目標値 令和8年度（2026年度）")
        self.assertContains(response, "<svg")
        self.assertContains(response, "推進委員会の意見")

    def test_anonymous_indicator_sheet_uses_published_figures_only(self):
        response = self.get(self.cast.anonymous, reverse("indicator_detail", args=[self.cast.indicator.pk]))
        self.assertContains(response, "実績 令和6年度（2024年度）")
        self.assertNotContains(response, "実績 令和7年度（2025年度）")
        self.assertNotContains(response, "推進委員会の意見")

    def test_report_view_uses_the_councils_columns_with_comparison_year(self):
        response = self.get(self.cast.editor, reverse("report_detail", args=[self.cast.draft.pk]))
        for heading in ("拠点区分", "事業名（担当課）", "計画体系", "具体的な実施事項", "事業実績内容"):
            self.assertContains(response, heading)
        self.assertContains(response, "令和7年度<br>第4四半期実績（今期）")
        self.assertContains(response, "令和6年度<br>第4四半期実績（前年同期）")
        self.assertContains(response, "ふれあいサロン事業")

    def test_project_page_shows_each_quantity_across_reports(self):
        response = self.get(self.cast.admin, reverse("project_detail", args=[self.cast.salon.pk]))
        self.assertContains(response, "登録数（箇所）")
        self.assertContains(response, ">91<")
        self.assertContains(response, ">87<")

    def test_public_project_page_hides_draft_figures(self):
        response = self.get(self.cast.anonymous, reverse("project_detail", args=[self.cast.salon.pk]))
        self.assertContains(response, ">91<")
        self.assertNotContains(response, ">87<")

    def test_login_page_is_japanese(self):
        response = self.client.get("/accounts/login/")
        self.assertContains(response, "ログイン")
        self.assertContains(response, "パスワード")
        self.assertContains(response, "csrfmiddlewaretoken")

    def test_wareki_filter_writes_both_years(self):
        from sasaeai.front.templatetags.wareki import period_label, wareki

        self.assertEqual(wareki(2025), "令和7年度（2025年度）")
        self.assertEqual(wareki(2019), "令和元年度（2019年度）")
        self.assertEqual(wareki(None), "")
        self.assertEqual(period_label("Q4"), "第4四半期")
