"""Downloads and pages of the outputs, for every role."""

from __future__ import annotations

import io

import openpyxl
from django.test import Client
from django.urls import reverse

from sasaeai.plans.models import Comment

from ..web.base import PASSWORD, CastTestCase, login_request


class OutputPages(CastTestCase):
    def client_as(self, role: str) -> Client:
        client = Client()
        user = self.cast.users()[role]
        if role != "public":
            self.assertTrue(client.login(request=login_request(), username=user.username, password=PASSWORD))
        return client

    def test_report_download_follows_who_may_read_the_report(self) -> None:
        draft = reverse("exports:report_download", args=[self.cast.draft.pk, "xlsx"])
        published = reverse("exports:report_download", args=[self.cast.published.pk, "pdf"])
        for role in ("admin", "editor", "approver", "committee", "public"):
            with self.subTest(role=role):
                client = self.client_as(role)
                self.assertEqual(client.get(draft).status_code, 404 if role == "public" else 200)
                response = client.get(published)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/pdf")
                self.assertTrue(response.content.startswith(b"%PDF"))

    def test_report_download_is_the_report_as_a_workbook(self) -> None:
        response = self.client_as("editor").get(
            reverse("exports:report_download", args=[self.cast.draft.pk, "xlsx"])
        )
        self.assertIn('filename="report-2025-Q4.xlsx"', response["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        names = [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]
        self.assertEqual(names, ["ふれあいサロン事業", "社協だより発行業務"])

    def test_unknown_format_is_404(self) -> None:
        url = reverse("exports:report_download", args=[self.cast.published.pk, "docx"])
        self.assertEqual(Client().get(url).status_code, 404)

    def test_indicator_sheet_page_shows_grades_charts_and_comments_to_staff(self) -> None:
        Comment.objects.create(
            author=self.cast.committee,
            indicator=self.cast.indicator,
            fiscal_year=2025,
            text="順調に増えている。",
        )
        url = reverse("exports:indicator_sheet", args=[self.cast.plan.pk])
        page = self.client_as("committee").get(url).content.decode()
        self.assertIn("評価指標の進捗状況", page)
        self.assertIn("ふれあいサロン数", page)
        self.assertIn("順調に増えている。", page)
        self.assertIn('alt="ふれあいサロン数。基準値 令和元年度（2019年度） 68か所', page)
        public = Client().get(url).content.decode()
        self.assertNotIn("順調に増えている。", public)
        self.assertIn("令和6年度（2024年度） 91か所", public)
        self.assertNotIn("87か所", public)  # the draft's figure stays unpublished

    def test_indicator_sheet_downloads(self) -> None:
        for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF")):
            url = reverse("exports:indicator_sheet_download", args=[self.cast.plan.pk, fmt]) + "?year=2025"
            response = Client().get(url)
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.content.startswith(magic))

    def test_opendata_page_and_files(self) -> None:
        page = Client().get(reverse("exports:opendata")).content.decode()
        self.assertIn("オープンデータ", page)
        self.assertIn("達成率（%）", page)
        response = Client().get(reverse("exports:opendata_file", args=["report_figures", "csv"]))
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"))
        text = response.content.decode("utf-8-sig")
        self.assertIn("91", text)
        self.assertNotIn("87", text)
        self.assertEqual(Client().get("/opendata/nothing.csv").status_code, 404)
