"""Deployment: no public SECRET_KEY, settings for production from the environment, `sasaeai check --deploy`,
the Content-Security-Policy, JSON logs and e-mail.

The commands run in a subprocess with an environment of their own, as on a server: the settings are read
from it when the process starts.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from sasaeai.site.logs import JsonFormatter

pytestmark = pytest.mark.heavy  # started first (conftest.py)

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "docs" / "production.env.example"
SASAEAI = Path(sys.executable).with_name("sasaeai")


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as systemd's EnvironmentFile reads them (comments and blank lines skipped)."""
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def server_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    """A bare environment, as a service manager gives: PATH, HOME and what the test says."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "SASAEAI_VAR_DIR": str(tmp_path / "var"),
        **variables,
    }


def run(argv: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def random_key() -> str:
    return secrets.token_urlsafe(50)


def test_check_deploy_is_clean_with_the_production_example(tmp_path: Path) -> None:
    variables = env_file(EXAMPLE) | {"SECRET_KEY": random_key(), "SASAEAI_VAR_DIR": str(tmp_path / "var")}
    done = run(
        [str(SASAEAI), "check", "--deploy", "--fail-level", "WARNING"], server_env(tmp_path, **variables)
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_check_deploy_warns_about_a_site_without_https_settings(tmp_path: Path) -> None:
    done = run([str(SASAEAI), "check", "--deploy"], server_env(tmp_path, SECRET_KEY=random_key()))
    assert done.returncode == 0  # warnings only, below the default fail level
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr
    strict = run(
        [str(SASAEAI), "check", "--deploy", "--fail-level", "WARNING"],
        server_env(tmp_path, SECRET_KEY=random_key()),
    )
    assert strict.returncode == 1


def test_every_production_variable_is_documented() -> None:
    documented = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    missing = [name for name in env_file(EXAMPLE) if f"`{name}`" not in documented]
    assert missing == []


def test_serve_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    done = run([str(SASAEAI), "serve", "--port", "8997"], server_env(tmp_path), timeout=30)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0], done.stderr
    assert "Serving" not in done.stdout


def test_the_wsgi_application_refuses_to_load_without_a_secret_key(tmp_path: Path) -> None:
    done = run([sys.executable, "-c", "import sasaeai.site.wsgi"], server_env(tmp_path))
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


def test_debug_without_a_key_makes_a_random_one_per_process(tmp_path: Path) -> None:
    show = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = server_env(tmp_path, DEBUG="1", DJANGO_SETTINGS_MODULE="sasaeai.site.settings")
    keys = {run([sys.executable, "-c", show], env).stdout.strip() for _ in range(2)}
    assert len(keys) == 2 and all(len(key) >= 50 for key in keys)


def test_demo_makes_its_own_key_and_turns_two_factor_login_off_saying_so(tmp_path: Path) -> None:
    done = run([str(SASAEAI), "demo", "--no-serve"], server_env(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Logins" in done.stdout
    assert "Two-factor login is off for this demo database (SASAEAI_REQUIRE_2FA=0)" in done.stdout
    kept = run(
        [str(SASAEAI), "demo", "--reset", "--no-serve"],
        server_env(tmp_path, SASAEAI_REQUIRE_2FA="1"),
        timeout=120,
    )
    assert kept.returncode == 0 and "Two-factor login is off" not in kept.stdout


def test_email_settings_come_from_email_url(tmp_path: Path) -> None:
    show = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
    )
    env = server_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="sasaeai.site.settings",
        EMAIL_URL="submission://sasaeai%40example.jp:pw@smtp.example.jp:587",
        DEFAULT_FROM_EMAIL="sasaeai@example.jp",
    )
    printed = run([sys.executable, "-c", show], env).stdout.split()
    assert printed == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.jp",
        "587",
        "sasaeai@example.jp",
        "True",
        "sasaeai@example.jp",
    ]
    bare = run(
        [sys.executable, "-c", show], server_env(tmp_path, DJANGO_SETTINGS_MODULE="sasaeai.site.settings")
    )
    assert bare.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_proxy_settings_trust_x_forwarded_proto_only_behind_a_proxy(tmp_path: Path) -> None:
    show = "from django.conf import settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    base = {"DJANGO_SETTINGS_MODULE": "sasaeai.site.settings"}
    direct = run([sys.executable, "-c", show], server_env(tmp_path, **base)).stdout.strip()
    proxied = run(
        [sys.executable, "-c", show], server_env(tmp_path, BEHIND_TLS_PROXY="1", **base)
    ).stdout.strip()
    assert (direct, proxied) == ("None", "('HTTP_X_FORWARDED_PROTO', 'https')")


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_logs_are_one_json_object_a_line() -> None:
    request = RequestFactory().get("/reports/1/?secret=x", HTTP_COOKIE="sessionid=abc")
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x",), None)
    record.request, record.status_code = request, 404
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /x"
    assert (entry["status"], entry["method"], entry["path"]) == (404, "GET", "/reports/1/")
    assert "abc" not in line and "secret" not in line


def test_the_style_element_of_the_indicator_sheet_carries_the_pages_nonce(cast) -> None:
    response = Client().get(f"/plans/{cast.plan.pk}/indicator-sheet/")
    assert response.status_code == 200
    style_src = next(
        d for d in response["Content-Security-Policy"].split(";") if d.strip().startswith("style-src ")
    )
    nonce = style_src.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.content.decode()


def test_the_command_line_and_the_server_take_their_startup_objects_out_of_the_collectors_rounds(
    tmp_path: Path,
) -> None:
    frozen = "import gc; print(gc.get_freeze_count() > 10_000)"
    command_line = "from sasaeai.commands import setup_django; setup_django(database=False); " + frozen
    server = (
        "import django; django.setup(); from sasaeai.site.server import application; application(); " + frozen
    )
    env = server_env(tmp_path, SECRET_KEY=random_key(), DJANGO_SETTINGS_MODULE="sasaeai.site.settings")
    for program in (command_line, server):
        done = run([sys.executable, "-c", program], env)
        assert done.stdout.strip() == "True", done.stderr
