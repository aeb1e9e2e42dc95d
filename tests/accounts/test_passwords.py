"""Passwords (ASVS 2.1): at least 12 characters, not like the user name, not common, not all digits;
the reasons in Japanese."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from sasaeai.cli import main

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "password", "reason"),
    [
        ("sasaki-hanako", "sasaki-hanako", "似すぎています"),
        ("sasaki-hanako", "sasaki-hanako1", "似すぎています"),
        ("sato", "kaede-2025x", "短すぎます。最低 12 文字"),
        ("sato", "202503311234", "数字しか使われていません"),
        ("sato", "password1234", "一般的すぎます"),
    ],
)
def test_weak_passwords_are_refused_with_a_japanese_reason(username: str, password: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=User(username=username))
    assert any(reason in message for message in refused.value.messages), refused.value.messages


def test_a_long_unrelated_password_is_accepted() -> None:
    validate_password("kaede-no-ki-2025", user=User(username="sasaki-hanako"))


def test_createuser_refuses_the_user_name_as_password(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["createuser", "tanaka-ichiro", "--role", "committee", "--password", "tanaka-ichiro"])
    assert code == 2
    err = capsys.readouterr().err
    assert "too weak" in err and "似すぎています" in err
    assert not User.objects.filter(username="tanaka-ichiro").exists()
