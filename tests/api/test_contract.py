"""The API's contract as a client meets it: exact figures, one error shape, JSON 404s, checked queries,
pages, ETags and If-Match.  Each test reproduces a finding of issue 15 or item 6 of issue 9."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from sasaeai.evaluation.services.stored import refresh_plans
from sasaeai.reports.models import PartStatus, ProjectEntry, Quantity, Report, ReportStatus, Side
from sasaeai.reports.services.workflow import ensure_parts

from ..exports.openapi import served_schema, validate
from ..web.base import Cast, client_for
from .client import api_client, patch

ERROR_KEYS = {"code", "detail", "detail_en", "errors"}


def assert_error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    """The response is a refusal of ``status`` in the one error shape, with a Japanese sentence."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) >= ERROR_KEYS, body
    assert body["code"] == code, body
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body
    return body


def quantity_url(cast: Cast) -> str:
    return f"/api/quantities/{cast.salon_count.pk}/"


# Exact figures


def test_a_sixteen_digit_figure_is_refused_and_every_page_still_answers(cast: Cast) -> None:
    editor = api_client(cast, "editor")
    response = patch(editor, quantity_url(cast), {"value": 9999999999999995}, '"1"')
    body = assert_error(response, 400, "invalid")
    assert body["errors"]["value"][0].startswith("値が大きすぎます")
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(87)
    pages = ["/", f"/plans/{cast.plan.pk}/", f"/reports/{cast.draft.pk}/", f"/entries/{cast.salon_entry.pk}/"]
    for url in pages:
        assert client_for(cast, "editor").get(url).status_code == 200, url
    assert editor.get(quantity_url(cast)).status_code == 200


@pytest.mark.parametrize(
    ("sent", "stored", "answered"),
    [
        ("1234567.125", Decimal("1234567.125"), "1234567.125"),
        ("999999999999.999", Decimal("999999999999.999"), "999999999999.999"),
        (42, Decimal(42), 42),
        ("87.500", Decimal("87.5"), "87.5"),
        ("-3", Decimal(-3), -3),
    ],
)
def test_figures_travel_exactly_as_integers_or_decimal_strings(
    cast: Cast, sent: object, stored: Decimal, answered: object
) -> None:
    response = patch(api_client(cast, "editor"), quantity_url(cast), {"value": sent}, '"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["value"] == answered
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == stored


@pytest.mark.parametrize(
    "sent",
    ["1234567890123456.78", 1234567.125, "1.0005", "1e3", " 12", "12,000", "１２", True, None, [], {}],
)
def test_a_float_or_a_figure_out_of_range_or_shape_is_refused(cast: Cast, sent: object) -> None:
    response = patch(api_client(cast, "editor"), quantity_url(cast), {"value": sent}, '"1"')
    assert_error(response, 400, "invalid")
    assert Quantity.objects.get(pk=cast.salon_count.pk).version == 1


def test_a_label_must_be_text(cast: Cast) -> None:
    response = patch(api_client(cast, "editor"), quantity_url(cast), {"label": 0}, '"1"')
    assert "label" in assert_error(response, 400, "invalid")["errors"]


def test_the_schema_states_the_range(cast: Cast) -> None:
    schema = served_schema()["components"]["schemas"]
    integer, text = schema["PatchedQuantityChangeRequest"]["properties"]["value"]["oneOf"]
    assert (integer["minimum"], integer["maximum"]) == (-999999999999, 999999999999)
    assert text["pattern"] == r"^-?[0-9]{1,12}(\.[0-9]{1,3})?$"


# Errors


@pytest.mark.parametrize(
    "url",
    [
        "/api/plans/abc/",
        "/api/plans/999999/",
        "/api/reports/-1/",
        "/api/quantities/0/",
        "/api/nothing/",
        "/api/reports/%C3%94%0A%5D/",  # a line break in the path: still the API's 404, not the site's page
    ],
)
def test_unknown_paths_and_objects_answer_a_json_404(cast: Cast, url: str) -> None:
    assert_error(Client().get(url), 404, "not_found")


@pytest.mark.parametrize("query", ["year=", "year=%C2%B2", "year=abc", "year=1800", "year=2025.0"])
def test_a_bad_year_is_refused_with_400(cast: Cast, query: str) -> None:
    response = Client().get(f"/api/plans/{cast.plan.pk}/evaluation/?{query}")
    assert "year" in assert_error(response, 400, "invalid")["errors"]


def test_a_year_in_progress_answers_as_the_schema_says(cast: Cast) -> None:
    """A year with only Q2 has no grade (null) and no rate: the served schema must allow both."""
    in_progress = Report.objects.create(
        organisation=cast.council, fiscal_year=2025, period="Q2", status=ReportStatus.PUBLISHED
    )
    entry = ProjectEntry.objects.create(
        report=in_progress, project=cast.salon, order=0, name_as_printed="サロン"
    )
    Quantity.objects.create(
        entry=entry, side=Side.CURRENT, order=0, label="登録数", value=Decimal(88), unit="か所"
    )
    ensure_parts(in_progress)
    in_progress.parts.update(status=PartStatus.APPROVED)
    refresh_plans(
        [cast.plan]
    )  # written here without the workflow's services, which keep the stored evaluation
    response = Client().get(f"/api/plans/{cast.plan.pk}/evaluation/")
    body = response.json()
    assert (response.status_code, body["parts"][0]["actuals"][-1]["grade"]) == (200, None)
    validate(served_schema(), "/api/plans/{id}/evaluation/", "get", 200, body)


def test_a_good_year_is_taken(cast: Cast) -> None:
    response = Client().get(f"/api/plans/{cast.plan.pk}/evaluation/?year=2024")
    assert (response.status_code, response.json()["up_to_year"]) == (200, 2024)


def test_refusals_have_the_one_shape(cast: Cast) -> None:
    assert_error(patch(Client(), quantity_url(cast), {"value": 1}, '"1"'), 401, "not_authenticated")
    wrong = Client(headers={"Authorization": "Token nonsense"})
    assert_error(wrong.get("/api/plans/"), 401, "authentication_failed")
    other = api_client(cast, "other_editor")
    assert_error(patch(other, quantity_url(cast), {"value": 1}, '"1"'), 403, "permission_denied")
    assert_error(api_client(cast, "editor").put(quantity_url(cast), {}), 405, "method_not_allowed")
    broken = api_client(cast, "editor").patch(
        quantity_url(cast), "{", content_type="application/json", headers={"If-Match": '"1"'}
    )
    assert_error(broken, 400, "parse_error")
    form = api_client(cast, "editor").patch(quantity_url(cast), "value=1", content_type="text/plain")
    assert_error(form, 415, "unsupported_media_type")


def test_the_token_endpoint_needs_no_token_and_answers_in_the_one_shape(cast: Cast) -> None:
    operation = served_schema()["paths"]["/api/token/"]["post"]
    assert operation.get("security", []) in ([], [{}])
    response = Client().post(
        "/api/token/", {"username": "tantou", "password": "x"}, content_type="application/json"
    )
    assert_error(response, 400, "invalid")


def test_a_token_is_revoked(cast: Cast) -> None:
    client = api_client(cast, "editor")
    assert client.post("/api/token/logout/").status_code == 204
    assert_error(client.get("/api/plans/"), 401, "authentication_failed")


# Pagination and shape


def test_lists_are_paginated(cast: Cast) -> None:
    body = api_client(cast, "admin").get("/api/reports/?page_size=1").json()
    assert (body["count"], len(body["results"]), body["previous"]) == (2, 1, None)
    assert "page=2" in body["next"]
    assert_error(Client().get("/api/plans/?page=9"), 404, "not_found")
    assert_error(Client().get("/api/plans/?page=0"), 400, "invalid")
    assert_error(Client().get("/api/plans/?page_size=201"), 400, "invalid")


def test_always_present_fields_are_required(cast: Cast) -> None:
    schemas = served_schema()["components"]["schemas"]
    for name in ("Quantity", "Entry", "Report", "Plan", "PaginatedReportList"):
        schema = schemas[name]
        assert set(schema["required"]) == set(schema["properties"]), name


def test_every_operation_documents_its_refusals(cast: Cast) -> None:
    for path, operations in served_schema()["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"401", "429", "default"} <= statuses, (path, method)
            if method in ("patch", "delete"):
                assert {"403", "404", "409", "412", "428"} <= statuses, (path, method)


# ETag and If-Match: no lost update


def test_figures_and_entries_carry_an_etag(cast: Cast) -> None:
    editor = api_client(cast, "editor")
    assert editor.get(quantity_url(cast))["ETag"] == '"1"'
    assert editor.get(f"/api/entries/{cast.salon_entry.pk}/")["ETag"] == '"1"'


def test_a_change_without_if_match_is_refused_with_428(cast: Cast) -> None:
    editor = api_client(cast, "editor")
    assert_error(patch(editor, quantity_url(cast), {"value": 88}), 428, "precondition_required")
    assert_error(editor.delete(quantity_url(cast)), 428, "precondition_required")
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(87)


def test_the_second_of_two_patches_is_refused_with_412_and_both_values(cast: Cast) -> None:
    first, second = api_client(cast, "editor"), api_client(cast, "admin")
    loaded = first.get(quantity_url(cast))["ETag"]
    assert second.get(quantity_url(cast))["ETag"] == loaded
    answered = patch(first, quantity_url(cast), {"value": 88}, loaded)
    assert (answered.status_code, answered["ETag"]) == (200, '"2"')
    body = assert_error(patch(second, quantity_url(cast), {"value": 90}, loaded), 412, "precondition_failed")
    assert "あなたの値 90 ／ 現在の値 88" in body["detail"]
    assert Quantity.objects.get(pk=cast.salon_count.pk).value == Decimal(88)
    assert_error(second.delete(quantity_url(cast), headers={"If-Match": loaded}), 412, "precondition_failed")
    assert second.delete(quantity_url(cast), headers={"If-Match": '"2"'}).status_code == 204
    assert_error(second.get(quantity_url(cast)), 404, "not_found")


def test_a_malformed_if_match_is_refused_with_400(cast: Cast) -> None:
    response = patch(api_client(cast, "editor"), quantity_url(cast), {"value": 88}, "W/1")
    assert_error(response, 400, "invalid")


def test_entry_texts_change_with_if_match(cast: Cast) -> None:
    editor, url = api_client(cast, "editor"), f"/api/entries/{cast.salon_entry.pk}/"
    answered = patch(editor, url, {"narrative": "サロンを開催"}, '"1"')
    assert (answered.status_code, answered["ETag"], answered.json()["narrative"]) == (
        200,
        '"2"',
        "サロンを開催",
    )
    assert_error(patch(editor, url, {"narrative": "別の文"}, '"1"'), 412, "precondition_failed")
    assert ProjectEntry.objects.get(pk=cast.salon_entry.pk).narrative == "サロンを開催"


def test_an_added_figure_answers_201_with_its_place_and_etag(cast: Cast) -> None:
    response = api_client(cast, "editor").post(
        f"/api/entries/{cast.salon_entry.pk}/quantities/",
        {"label": "参加者", "value": "1200.5", "unit": "人"},
        content_type="application/json",
    )
    assert (response.status_code, response["ETag"]) == (201, '"1"')
    assert response["Location"].endswith(f"/api/quantities/{response.json()['id']}/")
    listed = api_client(cast, "editor").get(f"/api/entries/{cast.salon_entry.pk}/quantities/").json()
    assert [q["value"] for q in listed["results"]] == [87, "1200.5"]


@pytest.mark.parametrize(
    "role, draft, published",
    [
        ("public", 404, 200),
        ("committee", 404, 200),
        ("editor", 200, 200),
        ("other_editor", 200, 200),
        ("admin", 200, 200),
    ],
)
def test_report_entries_are_read_as_their_report(cast: Cast, role: str, draft: int, published: int) -> None:
    client = api_client(cast, role)
    assert client.get(f"/api/reports/{cast.draft.pk}/entries/").status_code == draft
    assert client.get(f"/api/reports/{cast.published.pk}/entries/").status_code == published
    entry = client.get(f"/api/entries/{cast.salon_entry.pk}/")
    assert entry.status_code == draft


@pytest.mark.parametrize("if_match", ['"1"\x1f', '\x1c"1"', '"1"\xa0', '"1"\u3000'])
def test_an_if_match_with_characters_around_its_etag_is_refused_with_400(cast: Cast, if_match: str) -> None:
    """The schema's If-Match is one quoted number and nothing else (a fuzzer's header with a control
    character after the ETag was taken as the ETag)."""
    url = f"/api/entries/{cast.salon_entry.pk}/"
    assert_error(
        patch(api_client(cast, "editor"), url, {"narrative": "サロンを開催"}, if_match), 400, "invalid"
    )
    assert ProjectEntry.objects.get(pk=cast.salon_entry.pk).narrative != "サロンを開催"
