"""Login lockout (django-axes): after AXES_FAILURE_LIMIT (5) wrong passwords for one user name from one
address, that pair is locked out for AXES_COOLOFF_TIME (15 minutes), the right password included."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from tests.web.base import PASSWORD

LOGIN = "/accounts/login/"
LOCKED = "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってから"


def attempt(client: Client, username: str, password: str, address: str = "192.0.2.10"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_defaults_are_five_failures_and_fifteen_minutes() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_a_hundred_wrong_passwords_lock_the_user_out_even_for_the_right_one(cast) -> None:
    client = Client()
    statuses = [attempt(client, cast.editor.username, f"wrong-password-{n}").status_code for n in range(100)]
    assert statuses[:4] == [200] * 4  # the login page again, "wrong user name or password"
    assert statuses[4:] == [429] * 96  # the fifth failure locks the pair out
    right = attempt(client, cast.editor.username, PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert not logged_in(client)


def test_the_lockout_page_is_the_login_page_in_japanese(cast) -> None:
    client = Client()
    for n in range(5):
        response = attempt(client, cast.editor.username, f"wrong-password-{n}")
    page = response.content.decode()
    assert response.status_code == 429
    assert LOCKED in page and 'role="alert"' in page
    assert 'name="username"' in page and "csrfmiddlewaretoken" in page


def test_the_lockout_is_for_one_user_name_from_one_address(cast) -> None:
    for n in range(5):
        attempt(Client(), cast.editor.username, f"wrong-password-{n}")
    elsewhere, colleague = Client(), Client()
    assert attempt(elsewhere, cast.editor.username, PASSWORD, address="198.51.100.7").status_code == 302
    assert attempt(colleague, cast.approver.username, PASSWORD).status_code == 302
    assert logged_in(elsewhere) and logged_in(colleague)


def test_the_lockout_ends_after_the_cool_off(cast) -> None:
    for n in range(5):
        attempt(Client(), cast.editor.username, f"wrong-password-{n}")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    client = Client()
    assert attempt(client, cast.editor.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_success_clears_the_count(cast) -> None:
    for n in range(4):
        attempt(Client(), cast.editor.username, f"wrong-password-{n}")
    assert attempt(Client(), cast.editor.username, PASSWORD).status_code == 302
    for n in range(4):
        assert attempt(Client(), cast.editor.username, f"wrong-again-{n}").status_code == 200
    assert attempt(Client(), cast.editor.username, PASSWORD).status_code == 302
