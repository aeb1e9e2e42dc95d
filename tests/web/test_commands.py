"""The database commands through the real entry point: output, refusals (exit 2, one sentence), --help."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from sasaeai.cli import main
from sasaeai.reports.models import Report

from .base import Cast

pytestmark = pytest.mark.django_db

COMMANDS = ["migrate", "import-plan", "import-report", "import-links", "evaluate", "createuser", "where"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"usage: sasaeai {command}" in capsys.readouterr().out


def test_migrate_creates_the_var_folder(capsys, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path / "var"
    code, _, err = _run(capsys, "migrate")
    assert code == 0, err
    assert settings.VAR_DIR.is_dir()


def test_import_report_prints_what_it_stored(capsys, seed) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = _run(capsys, "import-report", str(seed("000")))
    report = Report.objects.get()
    assert code == 0
    assert out == (
        f"苫小牧市社会福祉協議会 FY2025 Q4: stored {report.entries.count()} projects "
        f"({report.entries.count()} new) and {sum(e.quantities.count() for e in report.entries.all())} "
        f"quantities from {seed('000').name}.\n"
    )
    code, out, _ = _run(capsys, "import-report", str(seed("000")))
    assert (code, out) == (
        0,
        "苫小牧市社会福祉協議会 FY2025 Q4: this file is already stored; nothing changed.\n",
    )


@pytest.mark.parametrize(
    "argv, sentence",
    [
        (["import-report", "/nonexistent/report.txt"], "import-report: "),
        (["import-plan", "/nonexistent/plan.json"], "import-plan: "),
        (["import-links", "/nonexistent/links.yaml"], "import-links: "),
        (["evaluate", "--json"], "No plan is stored yet; run import-plan first."),
        (
            ["createuser", "x", "--role", "editor", "--password", "a-long-pass-phrase"],
            "at least one department",
        ),
    ],
)
def test_refusals_are_one_sentence_and_exit_2(capsys, argv: list[str], sentence: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert sentence in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_empty_and_binary_reports_are_refused(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.xlsx"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 16)
    for path in (empty, binary):
        code, _, err = _run(capsys, "import-report", str(path))
        assert code == 2 and err.startswith("sasaeai import-report: ")
    assert not Report.objects.exists()


def test_createuser_gives_role_and_departments(capsys, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(
        capsys,
        "createuser",
        "sato",
        "--role",
        "editor",
        "--department",
        "地域福祉課",
        "--password",
        "hoge-fuga-2025",
    )
    assert (code, out) == (0, "created sato (editor).\n"), err
    user = User.objects.get(username="sato")
    assert user.check_password("hoge-fuga-2025")
    assert user.membership.role == "editor"
    assert [d.name for d in user.membership.departments.all()] == ["地域福祉課"]


def test_createuser_secretariat_belongs_to_one_organisation_and_not_to_the_admin_site(
    capsys, cast: Cast
) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _run(capsys, "createuser", "boss", "--role", "admin", "--password", "hoge-fuga-2025")
    assert code == 2 and "needs --organisation" in err
    argv = [
        "createuser",
        "boss",
        "--role",
        "admin",
        "--organisation",
        cast.council.name,
        "--password",
        "hoge-fuga-2025",
    ]
    code, _, _ = _run(capsys, *argv)
    user = User.objects.get(username="boss")
    assert code == 0 and not user.is_staff and not user.is_superuser
    assert user.membership.organisation == cast.council


def test_createuser_operator_uses_the_admin_site(capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = _run(capsys, "createuser", "root", "--role", "operator", "--password", "hoge-fuga-2025")
    user = User.objects.get(username="root")
    assert code == 0 and user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    "argv, words",
    [
        (["tantou", "--role", "committee", "--password", "hoge-fuga-2025"], "exists already"),
        (
            ["new", "--role", "editor", "--department", "存在しない課", "--password", "hoge-fuga-2025"],
            "No single department",
        ),
        (["new", "--role", "committee", "--password", "short"], "too weak"),
    ],
)
def test_createuser_refusals(capsys, cast: Cast, argv: list[str], words: str) -> None:  # type: ignore[no-untyped-def]
    users = User.objects.count()
    code, _, err = _run(capsys, "createuser", *argv)
    assert code == 2
    assert words in err
    assert User.objects.count() == users


def test_createuser_refuses_an_unknown_role(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        main(["createuser", "new", "--role", "king", "--password", "hoge-fuga-2025"])
    assert done.value.code == 2
    assert "invalid choice: 'king'" in capsys.readouterr().err
    assert not User.objects.filter(username="new").exists()
