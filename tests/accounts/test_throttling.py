"""API throttles: 120 requests a minute per anonymous address, 600 per user, 10 a minute per address on
/api/token/; then 429 with a JSON body in Japanese and Retry-After.  X-Forwarded-For does not change the
address unless the site is behind a proxy."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from knox.models import AuthToken
from rest_framework.throttling import UserRateThrottle

pytestmark = pytest.mark.django_db

RATES = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]


def test_default_rates() -> None:
    assert RATES == {"anon": "120/minute", "user": "600/minute", "token": "10/minute"}


def assert_throttled(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 429
    body = response.json()
    assert body["detail"].startswith("リクエストが多すぎます。")
    assert body["retry_after"] > 0
    assert int(response["Retry-After"]) > 0


def test_anonymous_readers_get_120_requests_a_minute() -> None:
    client = Client()
    codes = [client.get("/api/plans/", REMOTE_ADDR="192.0.2.30").status_code for _ in range(120)]
    assert codes == [200] * 120
    assert_throttled(client.get("/api/plans/", REMOTE_ADDR="192.0.2.30"))
    assert client.get("/api/plans/", REMOTE_ADDR="192.0.2.31").status_code == 200, "another address"


def test_a_forged_x_forwarded_for_does_not_make_a_new_address() -> None:
    client = Client()
    for n in range(120):
        client.get("/api/plans/", REMOTE_ADDR="192.0.2.32", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert_throttled(
        client.get("/api/plans/", REMOTE_ADDR="192.0.2.32", HTTP_X_FORWARDED_FOR="203.0.113.250")
    )


def test_the_token_endpoint_allows_10_requests_a_minute_per_address() -> None:
    client = Client()
    for n in range(10):
        response = client.post(
            "/api/token/", {"username": f"guess{n}", "password": "x"}, content_type="application/json"
        )
        assert response.status_code == 400
    assert_throttled(
        client.post("/api/token/", {"username": "guess", "password": "x"}, content_type="application/json")
    )


def test_a_user_is_throttled_by_user_not_address(cast, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "3/minute")
    _, key = AuthToken.objects.create(user=cast.editor)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    codes = [client.get("/api/reports/", REMOTE_ADDR=f"192.0.2.{40 + n}").status_code for n in range(3)]
    assert codes == [200] * 3
    assert_throttled(client.get("/api/reports/", REMOTE_ADDR="192.0.2.99"))
