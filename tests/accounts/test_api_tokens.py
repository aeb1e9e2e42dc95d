"""API tokens (django-rest-knox): made from user name and password, shown once, stored as a hash, valid for
30 days, revoked one by one, all at once, or by a password change; the `api-token` command makes and revokes
them too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from sasaeai.cli import main
from tests.web.base import PASSWORD

TOKEN = "/api/token/"


def new_token(username: str, password: str = PASSWORD, address: str = "192.0.2.20") -> tuple[int, dict]:  # type: ignore[type-arg]
    response = Client().post(
        TOKEN,
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )
    return response.status_code, response.json()


def patch_figure(cast, key: str) -> int:  # type: ignore[no-untyped-def]
    """Correct the salon's figure with the token ``key`` (at its current version); the status code."""
    cast.salon_count.refresh_from_db()
    return (
        Client(HTTP_AUTHORIZATION=f"Token {key}")
        .patch(
            f"/api/quantities/{cast.salon_count.pk}/",
            {"value": "88", "reason": "数え直し"},
            content_type="application/json",
            headers={"If-Match": f'"{cast.salon_count.version}"'},
        )
        .status_code
    )


def test_the_token_lives_thirty_days_by_default() -> None:
    assert settings.REST_KNOX["TOKEN_TTL"] == timedelta(days=30)


def test_user_name_and_password_give_a_token_once_stored_only_as_a_hash(cast) -> None:
    code, body = new_token(cast.editor.username)
    assert code == 200 and set(body) == {"token", "expiry"}
    key = body["token"]
    assert len(key) >= 64
    stored = AuthToken.objects.get(user=cast.editor)
    assert key not in {str(value) for value in AuthToken.objects.values_list().get()}
    assert stored.digest != key and len(stored.digest) == 128  # SHA-512 of the token
    lifetime = stored.expiry - timezone.now()
    assert timedelta(days=29, hours=23) < lifetime <= timedelta(days=30)
    assert patch_figure(cast, key) == 200


def test_a_wrong_password_gives_no_token_and_says_so_in_japanese(cast) -> None:
    code, body = new_token(cast.editor.username, "wrong-password-1")
    assert code == 400
    assert body == {
        "code": "invalid",
        "detail": "利用者名またはパスワードが正しくありません。",
        "detail_en": "Wrong user name or password.",
        "errors": {},
    }
    assert not AuthToken.objects.exists()


def test_an_expired_token_is_refused(cast) -> None:
    _, body = new_token(cast.editor.username)
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert patch_figure(cast, body["token"]) == 401


def test_logout_revokes_this_token_and_logout_all_every_token(cast) -> None:
    keys = [new_token(cast.editor.username)[1]["token"] for _ in range(3)]
    assert Client(HTTP_AUTHORIZATION=f"Token {keys[0]}").post(f"{TOKEN}logout/").status_code == 204
    assert patch_figure(cast, keys[0]) == 401
    assert patch_figure(cast, keys[1]) == 200
    assert Client(HTTP_AUTHORIZATION=f"Token {keys[1]}").post(f"{TOKEN}logout-all/").status_code == 204
    assert patch_figure(cast, keys[2]) == 401
    assert not AuthToken.objects.exists()


def test_a_password_change_revokes_every_token_of_the_user(cast) -> None:
    editor_keys = [new_token(cast.editor.username)[1]["token"] for _ in range(2)]
    _, admin = new_token(cast.admin.username)
    editor = User.objects.get(pk=cast.editor.pk)
    editor.first_name = "担当 太郎"
    editor.save()  # another change keeps the tokens
    assert AuthToken.objects.filter(user=editor).count() == 2
    editor.set_password("a-new-long-password-2025")
    editor.save()
    assert not AuthToken.objects.filter(user=editor).exists()
    assert all(patch_figure(cast, key) == 401 for key in editor_keys)
    assert AuthToken.objects.filter(user=cast.admin).count() == 1, "other users keep theirs"
    assert admin["token"]


def test_the_token_endpoint_shares_the_login_lockout(cast) -> None:
    codes = [new_token(cast.editor.username, f"wrong-password-{n}")[0] for n in range(5)]
    assert codes == [400, 400, 400, 400, 429]
    code, body = new_token(cast.editor.username)
    assert code == 429
    assert "ログインの失敗が続いたため" in body["detail"]
    assert not AuthToken.objects.exists()


def test_api_token_command_prints_a_new_token_each_time_and_revokes_all(cast, capsys) -> None:
    keys = []
    for _ in range(2):
        assert main(["api-token", cast.editor.username]) == 0
        out, err = capsys.readouterr()
        keys.append(out.strip())
        assert "expires" in err
    assert keys[0] != keys[1]
    assert all(patch_figure(cast, key) == 200 for key in keys)
    assert main(["api-token", cast.editor.username, "--revoke"]) == 0
    assert capsys.readouterr().out == f"revoked 2 tokens of {cast.editor.username}.\n"
    assert all(patch_figure(cast, key) == 401 for key in keys)
    assert main(["api-token", "nobody"]) == 2


@pytest.mark.django_db
def test_no_table_of_plain_tokens_is_left() -> None:
    assert "authtoken_token" not in connection.introspection.table_names()
