"""The REST API: public reading, token writing with the pages' rules, responses valid against the schema."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from knox.models import AuthToken

from sasaeai.audit.models import AuditEntry
from sasaeai.cli import main
from sasaeai.reports.models import Quantity, ReportStatus

from ..web.base import CastTestCase
from .openapi import served_schema, validate


class ApiTestCase(CastTestCase):
    def client_for(self, role: str) -> Client:
        user = self.cast.users()[role]
        if role == "public":
            return Client()
        _, key = AuthToken.objects.create(user=user)
        return Client(HTTP_AUTHORIZATION=f"Token {key}")


class ReadingTests(ApiTestCase):
    def test_schema_is_served_and_names_every_route(self) -> None:
        schema = served_schema()
        for path in (
            "/api/plans/",
            "/api/reports/{id}/",
            "/api/quantities/{id}/",
            "/api/plans/{id}/evaluation/",
        ):
            self.assertIn(path, schema["paths"])

    def test_served_schema_is_valid_openapi(self) -> None:
        from drf_spectacular.validation import validate_schema

        validate_schema(served_schema())  # raises on an invalid document

    def test_public_sees_only_published_reports(self) -> None:
        response = Client().get("/api/reports/")
        self.assertEqual(response.status_code, 200)
        validate(served_schema(), "/api/reports/", "get", 200, response.json())
        self.assertEqual([r["id"] for r in response.json()], [self.cast.published.pk])
        self.assertEqual(Client().get(f"/api/reports/{self.cast.draft.pk}/").status_code, 404)

    def test_committee_reads_a_draft_with_its_figures(self) -> None:
        response = self.client_for("committee").get(f"/api/reports/{self.cast.draft.pk}/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        validate(served_schema(), "/api/reports/{id}/", "get", 200, body)
        salon = next(entry for entry in body["entries"] if entry["project"] == "ふれあいサロン事業")
        self.assertEqual(salon["quantities"][0]["value"], 87)

    def test_plan_tree_and_evaluation_are_public(self) -> None:
        schema = served_schema()
        plan = Client().get(f"/api/plans/{self.cast.plan.pk}/").json()
        validate(schema, "/api/plans/{id}/", "get", 200, plan)
        part = plan["goals"][0]["policies"][0]["approaches"][0]["indicators"][0]["parts"][0]
        self.assertEqual((part["baseline_value"], part["target_value"]), (68, 83))
        evaluation = Client().get(f"/api/plans/{self.cast.plan.pk}/evaluation/").json()
        validate(schema, "/api/plans/{id}/evaluation/", "get", 200, evaluation)
        # Only the published FY2024 figure (91 か所 ≥ 83) is public: 達成.
        self.assertEqual(
            evaluation["parts"][0]["actuals"],
            [
                {
                    "fiscal_year": 2024,
                    "value": 91,
                    "achievement_rate": 1.0964,
                    "grade": "達成",
                    "partial": False,
                }
            ],
        )
        validate(schema, "/api/plans/", "get", 200, Client().get("/api/plans/").json())

    def test_a_draft_figure_is_hidden_from_the_public(self) -> None:
        self.assertEqual(Client().get(f"/api/quantities/{self.cast.salon_count.pk}/").status_code, 404)


class WritingTests(ApiTestCase):
    def patch(self, role: str, value: str = "88") -> int:
        response = self.client_for(role).patch(
            f"/api/quantities/{self.cast.salon_count.pk}/",
            {"value": value, "reason": "集計の誤り"},
            content_type="application/json",
        )
        return response.status_code

    def test_every_role_may_change_a_figure_exactly_as_on_the_pages(self) -> None:
        expected = {"admin": 200, "editor": 200, "approver": 403, "committee": 403, "public": 401}
        for role, status in expected.items():
            with self.subTest(role=role):
                self.assertEqual(self.patch(role, value=str(100 + len(role))), status)

    def test_change_is_audited_and_valid_against_the_schema(self) -> None:
        response = self.client_for("editor").patch(
            f"/api/quantities/{self.cast.salon_count.pk}/",
            {"value": 88, "reason": "集計の誤り"},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200)
        validate(served_schema(), "/api/quantities/{id}/", "patch", 200, response.json())
        self.assertEqual(Quantity.objects.get(pk=self.cast.salon_count.pk).value, Decimal(88))
        entry = AuditEntry.objects.get(field="value")
        self.assertEqual(
            (entry.old, entry.new, entry.reason, entry.user), ("87", "88", "集計の誤り", self.cast.editor)
        )

    def test_editor_may_not_touch_another_department(self) -> None:
        quantity = self.cast.newsletter_entry.quantities.get()
        response = self.client_for("editor").patch(
            f"/api/quantities/{quantity.pk}/", {"value": 1}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)

    def test_approved_figures_are_locked(self) -> None:
        self.cast.draft.status = ReportStatus.APPROVED
        self.cast.draft.save()
        self.assertEqual(self.patch("editor"), 403)
        self.assertEqual(Quantity.objects.get(pk=self.cast.salon_count.pk).value, Decimal(87))

    def test_bad_value_is_refused_with_400(self) -> None:
        self.assertEqual(self.patch("editor", value="たくさん"), 400)

    def test_editor_adds_a_figure(self) -> None:
        response = self.client_for("editor").post(
            f"/api/entries/{self.cast.salon_entry.pk}/quantities/",
            {"label": "参加者", "value": "1200", "unit": "人", "reason": "読み漏れ"},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201)
        validate(served_schema(), "/api/entries/{id}/quantities/", "post", 201, response.json())
        self.assertEqual(self.cast.salon_entry.quantities.count(), 2)

    def test_token_command_prints_a_token_of_the_user(self) -> None:
        self.assertEqual(main(["api-token", "tantou"]), 0)
        self.assertTrue(AuthToken.objects.filter(user=self.cast.editor).exists())
        self.assertEqual(main(["api-token", "nobody"]), 2)
