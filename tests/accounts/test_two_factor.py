"""Two-factor login (django-otp, TOTP) for the secretariat and the operator: after the password, the six-digit
code of an authenticator app; the first time, the app is registered from a QR code and confirmed with a first
code.  Until then the session reaches no page but the two-factor pages and logout, the admin site included;
the token endpoint asks for the code too.  SASAEAI_REQUIRE_2FA is on by default (the suite turns it off for
the other tests; these turn it back on)."""

from __future__ import annotations

import re
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.web.base import PASSWORD, make_user

VERIFY = "/accounts/two-factor/"
SETUP = "/accounts/two-factor/setup/"
WRONG_CODE = "確認コードが正しくありません。"


@pytest.fixture(autouse=True)
def two_factor_required(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SASAEAI_REQUIRE_2FA = True


def code_of(device: TOTPDevice, drift: int = 0) -> str:
    """What the authenticator app shows now (``drift`` steps of 30 s later or earlier)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):0{device.digits}d}"


def device_of(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=True)


def password_login(user: User, next_page: str = "") -> tuple[Client, str]:
    """A client that has given the password; where the login sent it."""
    client = Client()
    data = {"username": user.username, "password": PASSWORD}
    if next_page:
        data["next"] = next_page
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return client, response["Location"]


def test_two_factor_login_is_on_by_default(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.web.test_deployment import run, server_env

    show = "from django.conf import settings; print(settings.SASAEAI_REQUIRE_2FA)"
    env = server_env(tmp_path, DJANGO_SETTINGS_MODULE="sasaeai.site.settings")
    assert run([sys.executable, "-c", show], env).stdout.strip() == "True"


def test_the_secretariat_gives_the_code_after_the_password(cast) -> None:
    device = device_of(cast.admin)
    client, location = password_login(cast.admin, "/upload/")
    assert location == f"{VERIFY}?next=%2Fupload%2F"
    assert client.get("/upload/")["Location"].startswith(VERIFY)
    page = client.get(location).content.decode()
    assert "確認コード（6桁）" in page and 'autocomplete="one-time-code"' in page
    wrong = client.post(
        VERIFY, {"otp_token": "000000" if code_of(device) != "000000" else "111111", "next": "/upload/"}
    )
    assert wrong.status_code == 200 and WRONG_CODE in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # the wait after a wrong code (tested below)
    right = client.post(VERIFY, {"otp_token": code_of(device), "next": "/upload/"})
    assert right["Location"] == "/upload/"
    upload = client.get("/upload/")
    assert upload.status_code == 200
    assert 'aria-label="メインメニュー"' in upload.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/reports/",
        "/upload/",
        "/queue/",
        "/lifecycle/",
        "/opendata/",
        "/admin/",
        "/accounts/password_change/",
    ],
)
def test_an_unverified_secretariat_reaches_no_page(cast, path: str) -> None:
    device_of(cast.admin)
    client, _ = password_login(cast.admin)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


def test_an_unverified_secretariat_gets_403_from_the_api(cast) -> None:
    device_of(cast.admin)
    client, _ = password_login(cast.admin)
    response = client.get(f"/api/reports/{cast.draft.pk}/")
    assert response.status_code == 403
    assert "2段階認証" in response.json()["detail"]


def test_logout_stays_open_to_an_unverified_session(cast) -> None:
    device_of(cast.admin)
    client, _ = password_login(cast.admin)
    assert client.post("/accounts/logout/")["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_the_first_login_registers_an_authenticator_app(cast) -> None:
    client, location = password_login(cast.admin, "/queue/")
    assert location == f"{SETUP}?next=%2Fqueue%2F"
    page = client.get(location).content.decode()
    device = TOTPDevice.objects.get(user=cast.admin)
    assert not device.confirmed
    assert "<svg" in page and "QRコード" in page
    assert 'aria-label="メインメニュー"' not in page, "no menu whose links all lead back here"
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert secret is not None
    assert client.get(location).content.decode().count(secret.group(1)) == 1, "the same secret on reload"
    assert TOTPDevice.objects.filter(user=cast.admin).count() == 1
    assert client.get("/queue/")["Location"].startswith(f"{SETUP}?next=")
    wrong = client.post(SETUP, {"otp_token": "12345", "next": "/queue/"})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()
    done = client.post(SETUP, {"otp_token": code_of(device), "next": "/queue/"})
    assert done["Location"] == "/queue/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/queue/").status_code == 200


def test_the_otpauth_secret_on_the_page_is_the_devices(cast) -> None:
    from base64 import b32decode

    client, location = password_login(cast.admin)
    page = client.get(location).content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")  # type: ignore[union-attr]
    device = TOTPDevice.objects.get(user=cast.admin)
    assert b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key


def test_a_code_is_good_once(cast) -> None:
    device = device_of(cast.admin)
    code = code_of(device)
    first, _ = password_login(cast.admin)
    assert first.post(VERIFY, {"otp_token": code})["Location"] == "/"
    second, _ = password_login(cast.admin)
    replay = second.post(VERIFY, {"otp_token": code})
    assert replay.status_code == 200
    assert WRONG_CODE in replay.content.decode()


def test_a_wrong_code_makes_the_next_try_wait(cast) -> None:
    device = device_of(cast.admin)
    client, _ = password_login(cast.admin)
    wrong = "000000" if code_of(device) != "000000" else "111111"
    assert WRONG_CODE in client.post(VERIFY, {"otp_token": wrong}).content.decode()
    refused = client.post(VERIFY, {"otp_token": code_of(device)})
    assert refused.status_code == 200
    assert "確認コードが1回誤っていたため、少しの間入力できません。" in refused.content.decode()
    assert "otp_device_id" not in client.session


def test_editors_approvers_and_committee_sign_in_with_the_password_alone(cast) -> None:
    for user in (cast.editor, cast.approver, cast.committee):
        client, location = password_login(user)
        assert location == "/"
        assert client.get("/reports/").status_code == 200
    assert not TOTPDevice.objects.exists()


def test_a_superuser_counts_as_operator(cast) -> None:
    operator = cast.operator
    _, location = password_login(operator)
    assert location.startswith(SETUP)


def test_the_admin_site_needs_a_verified_session(cast) -> None:
    operator = cast.operator
    device = device_of(operator)
    client, _ = password_login(operator, "/admin/")
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"otp_token": code_of(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_is_the_sites_login(cast) -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_the_switch_off_lets_the_secretariat_in_with_the_password(cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SASAEAI_REQUIRE_2FA = False
    client, location = password_login(cast.admin)
    assert location == "/"
    assert client.get("/upload/").status_code == 200


def test_secretariat_sessions_end_when_the_browser_closes(cast) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": cast.admin.username, "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()
    assert response.cookies["sessionid"]["max-age"] == ""
    editor = Client()
    response = editor.post("/accounts/login/", {"username": cast.editor.username, "password": PASSWORD})
    assert not editor.session.get_expire_at_browser_close()
    assert response.cookies["sessionid"]["max-age"] == 1800


def test_the_token_endpoint_asks_the_secretariat_for_the_code(cast) -> None:
    def token(**extra: str):  # type: ignore[no-untyped-def]
        data = {"username": cast.admin.username, "password": PASSWORD, **extra}
        return Client().post("/api/token/", data, content_type="application/json")

    no_app = token()
    assert no_app.status_code == 403 and "登録されていません" in no_app.json()["detail"]
    device = device_of(cast.admin)
    assert token().status_code == 400
    assert token(otp="000000" if code_of(device) != "000000" else "111111").status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    granted = token(otp=code_of(device))
    assert granted.status_code == 200 and granted.json()["token"]


def test_the_token_endpoint_asks_no_code_of_an_editor(cast) -> None:
    data = {"username": cast.editor.username, "password": PASSWORD}
    assert Client().post("/api/token/", data, content_type="application/json").status_code == 200


def test_a_secretariat_made_by_createuser_needs_the_code(cast) -> None:
    from sasaeai.cli import main

    argv = ["createuser", "jimukyoku2", "--role", "admin", "--organisation", cast.council.name]
    assert main([*argv, "--password", PASSWORD]) == 0
    _, location = password_login(User.objects.get(username="jimukyoku2"))
    assert location.startswith(SETUP)


def test_a_committee_member_made_by_make_user_is_not_asked(cast) -> None:
    member = make_user("iin2", "committee")
    _, location = password_login(member)
    assert location == "/"
