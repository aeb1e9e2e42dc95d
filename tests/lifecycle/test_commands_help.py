"""Every life-cycle command answers --help through the real entry point, without a database."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = [
    "import-revisions",
    "import-kpi",
    "import-goal-links",
    "propose-merges",
    "merge-projects",
    "check-consistency",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command):
    done = subprocess.run(
        [sys.executable, "-m", "sasaeai.cli", command, "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith(f"usage: sasaeai {command}")


def test_bad_threshold_is_refused_with_exit_2(db, capsys):
    from sasaeai.cli import main

    assert main(["propose-merges", "--threshold", "3"]) == 2
    assert "0 to 1" in capsys.readouterr().err
