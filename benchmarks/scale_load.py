"""A load run against the real server: ``sasaeai serve`` (gunicorn or waitress) on loopback, C clients for D s.

Each client asks for the pages in turn, as fast as answers come; every answer but 200 (or a failure to
connect) is an error.  Prints p50 and p95 per page and the requests per second; the login page, which
reads no plan, is the baseline measured in the same run.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LoadResult:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


def start_server(
    server: str, workers: int, env: dict[str, str], var: Path
) -> tuple[subprocess.Popen[bytes], str]:
    """``sasaeai serve`` in a process of its own; returns it and its base URL once it answers."""
    port = free_port()
    sasaeai = Path(sys.executable).with_name("sasaeai")
    argv = [str(sasaeai), "serve", "--port", str(port), "--server", server, "--workers", str(workers)]
    log = (var / f"serve-{server}.log").open("wb")
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{server} stopped; see {log.name}")
        if _fetch(base + "/accounts/login/") == 200:
            return process, base
        time.sleep(0.5)
    stop_server(process)
    raise RuntimeError(f"{server} did not answer within 120 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_load(
    base: str, pages: dict[str, str], clients: int, seconds: float, drawn: bool = False
) -> LoadResult:
    """``clients`` threads asking for every page in turn for ``seconds``.

    ``drawn``: each address gets a parameter of its own (``draw=N``), so that no page comes from the
    public pages' cache: every page is drawn as it is for a signed-in person.
    """
    result = LoadResult()
    numbers = itertools.count()
    lock = threading.Lock()
    names = list(pages)
    stop = 0.0

    def client(offset: int) -> None:
        turn = offset
        while time.monotonic() < stop:
            name = names[turn % len(names)]
            turn += 1
            started = time.perf_counter()
            address = pages[name]
            if drawn:
                address += ("&" if "?" in address else "?") + f"draw={next(numbers)}"
            status = _fetch(base + address)
            took = time.perf_counter() - started
            with lock:
                if status == 200:
                    result.latencies[name].append(took)
                else:
                    result.errors[name] += 1

    for name in names:  # one warm-up request each: the workers' first queries and templates are not the load
        _fetch(base + pages[name])
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    stop = started + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result


def report(label: str, result: LoadResult, pages: dict[str, str]) -> None:
    total = result.requests()
    errors = sum(result.errors.values())
    print(
        f"  {label}: {total} requests in {result.seconds:.1f} s ({total / result.seconds:.1f}/s), {errors} errors"
    )
    for name in pages:
        values = result.latencies.get(name, [])
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        mean = statistics.fmean(values) if values else float("nan")
        print(
            f"    {name:<10} p50 {p50 * 1000:7.0f} ms  p95 {p95 * 1000:7.0f} ms  mean {mean * 1000:7.0f} ms  "
            f"n={len(values)} errors={result.errors.get(name, 0)}"
        )


def server_env(database_url: str, var: Path) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(var),
        "DATABASE_URL": database_url,
        "SASAEAI_VAR_DIR": str(var),
        "SECRET_KEY": "bench-scale-" + "x" * 50,
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
    }
