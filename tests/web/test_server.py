"""`sasaeai serve`: gunicorn with several processes on Linux, static files through WhiteNoise, and its settings."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from sasaeai.core.errors import SasaeaiError
from sasaeai.demo.documents import plan_document
from sasaeai.site.server import default_server, default_workers

from .test_deployment import SASAEAI, random_key, run, server_env

pytestmark = pytest.mark.heavy  # started first (conftest.py)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def _children(pid: int) -> list[int]:
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(line) for line in found.stdout.split()]


def _wait_for(url: str, server: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.stdout.read() if server.stdout else ''}")
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing answered at {url}")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty site's database, migrated once for the module by `sasaeai migrate`."""
    folder = tmp_path_factory.mktemp("migrated")
    done = run([str(SASAEAI), "migrate"], server_env(folder, SECRET_KEY=random_key()), timeout=120)
    assert done.returncode == 0, done.stderr
    return folder / "var" / "sasaeai.sqlite3"


@dataclass
class Served:
    """A `sasaeai serve` of its own: the process, its address, its environment and (once stopped) its output."""

    process: subprocess.Popen[str]
    base: str
    env: dict[str, str]
    output: str = ""


@contextmanager
def _serving(tmp_path: Path, migrated: Path, server: str) -> Iterator[Served]:
    """`sasaeai serve --server SERVER --workers 2` on a copy of the migrated database, stopped by SIGTERM."""
    env = server_env(tmp_path, SECRET_KEY=random_key())
    (tmp_path / "var").mkdir()
    shutil.copy(migrated, tmp_path / "var" / migrated.name)
    port = _free_port()
    argv = [str(SASAEAI), "serve", "--port", str(port), "--server", server, "--workers", "2"]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = Served(process, f"http://127.0.0.1:{port}", env)
    try:
        _wait_for(served.base + "/", process)
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        served.output, _ = process.communicate(timeout=60)


@pytest.mark.parametrize(("server", "processes"), [("gunicorn", 2), ("waitress", 0)])
def test_serve_answers_pages_and_static_files(
    tmp_path: Path, migrated: Path, server: str, processes: int
) -> None:
    with _serving(tmp_path, migrated, server) as served:
        status, page = _get(f"{served.base}/")
        assert status == 200 and "地域福祉".encode() in page
        status, css = _get(f"{served.base}/static/sasaeai/site.css")
        assert status == 200 and css
        assert (
            len(_children(served.process.pid)) == processes
        )  # gunicorn's workers; waitress has threads only
    assert served.process.returncode in (0, -signal.SIGTERM), (
        served.output
    )  # gunicorn stops cleanly; waitress by the signal
    assert f"with {server}" in served.output


def test_a_plan_imported_by_another_process_shows_at_once_in_every_worker(
    tmp_path: Path, migrated: Path
) -> None:
    """The public pages each worker keeps are keyed by the last write, which a command's process records too."""
    plan = plan_document()
    with _serving(tmp_path, migrated, "gunicorn") as served:
        before = [_get(f"{served.base}/")[1] for _ in range(6)]  # each worker keeps the page
        assert not any(plan["title"].encode() in page for page in before)
        document = tmp_path / "plan.json"
        document.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        done = run([str(SASAEAI), "import-plan", str(document)], served.env, timeout=120)
        assert done.returncode == 0, done.stderr
        after = [_get(f"{served.base}/")[1] for _ in range(6)]
        assert all(plan["title"].encode() in page for page in after)


def test_workers_come_from_web_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert default_workers() == 3
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert default_workers() == 2 * len(os.sched_getaffinity(0)) + 1


@pytest.mark.parametrize("value", ["0", "many", "-2"])
def test_a_wrong_web_concurrency_is_one_sentence(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", value)
    with pytest.raises(SasaeaiError, match="WEB_CONCURRENCY"):
        default_workers()


def test_linux_serves_with_gunicorn() -> None:
    assert default_server() == "gunicorn"


def test_workers_below_one_are_refused(tmp_path: Path) -> None:
    env = server_env(tmp_path, SECRET_KEY=random_key())
    done = run([str(SASAEAI), "serve", "--workers", "0"], env, timeout=60)
    assert done.returncode == 2 and "--workers" in done.stderr and "Traceback" not in done.stderr
