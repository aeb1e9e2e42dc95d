"""Several ``sasaeai`` commands in one child process, each as if run on its own from the command line.

A Python start with Django costs about a second on these machines; tests that run many commands against
one database (the settings choose it once, when the process starts) run them through :func:`run_commands`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# main() for each command in turn, as the entry point calls it; its exit code, output and errors are kept.
DRIVER = """
import contextlib, io, json, sys, traceback
from sasaeai.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as done:
            code = done.code
        except Exception:
            code, err = "raised", io.StringIO(traceback.format_exc())
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


def run_commands(
    argvs: list[list[str]], env: dict[str, str], cwd: Path | None = None
) -> list[subprocess.CompletedProcess[str]]:
    """Each ``sasaeai ARGV`` in one child process with ``env``; one result per command, in order."""
    driver = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(argvs)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert driver.returncode == 0, driver.stderr
    return [
        subprocess.CompletedProcess(argv, code, out, err)
        for argv, (code, out, err) in zip(argvs, json.loads(driver.stdout), strict=True)
    ]
