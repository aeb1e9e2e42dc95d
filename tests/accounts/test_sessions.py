"""Sessions end after 30 minutes without a request (SESSION_IDLE_TIMEOUT); each request starts the clock again."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.web.base import PASSWORD


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    )
    return client


def test_the_idle_timeout_is_thirty_minutes_and_every_request_renews_it() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_thirty_idle_minutes_end_the_session(cast) -> None:
    client = signed_in(cast.editor)
    assert client.get("/upload/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/upload/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_request_starts_the_thirty_minutes_again(cast) -> None:
    client = signed_in(cast.editor)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/upload/").status_code == 200
    left = Session.objects.get().expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)
