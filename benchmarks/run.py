"""`make bench`: the reader's figures on the invented layouts, its throughput against a bare
regular-expression number scan, the exports, and the largest files the input limits allow.

Prints figures only; nothing here asserts a time.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus
from sasaeai.core import read_report_bytes

MIN_BYTES = 10 * 1024 * 1024
NUMBER_RE = re.compile(r"\d[\d,]*")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_reader() -> None:
    files = corpus(MIN_BYTES)
    size = sum(len(f) for f in files)
    baseline = baseline_cpu = float("inf")
    for _ in range(3):  # the scan is short: the best of three runs is its own time, not the machine's load
        started, started_cpu = time.perf_counter(), time.process_time()
        numbers = sum(len(NUMBER_RE.findall(data.decode("utf-8"))) for data in files)
        baseline = min(baseline, time.perf_counter() - started)
        baseline_cpu = min(baseline_cpu, time.process_time() - started_cpu)

    latencies: list[float] = []
    rows = quantities = projects = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for i, data in enumerate(files):
        t0 = time.perf_counter()
        document = read_report_bytes(data, f"bench-{i}.tsv")
        latencies.append(time.perf_counter() - t0)
        rows += data.count(b"\n")
        projects += len(document.projects)
        quantities += sum(len(p.current) + len(p.comparison) for p in document.projects)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu

    mb = size / (1024 * 1024)
    print("== report reader ==")
    print(
        f"corpus: {len(files)} report tables, {mb:.1f} MB, {rows} lines, {projects} projects, {quantities} quantities"
    )
    print(
        f"baseline (decode + bare number regex): {baseline:.3f} s, {mb / baseline:.1f} MB/s, {numbers} numbers"
    )
    print(f"reader: {elapsed:.2f} s, {mb / elapsed:.2f} MB/s, {rows / elapsed:.0f} rows/s")
    print(
        "per file: p50 {:.1f} ms, p90 {:.1f} ms, p99 {:.1f} ms, mean {:.1f} ms".format(
            *(1000 * _percentile(latencies, p) for p in (0.5, 0.9, 0.99)), 1000 * statistics.mean(latencies)
        )
    )
    print(f"ratio reader/baseline: {elapsed / baseline:.1f}x the time of a bare regex scan (wall clock)")
    # CPU time is what the reader costs; wall time also counts other work sharing the machine's two cores
    print(f"ratio reader/baseline in CPU time: {elapsed_cpu / baseline_cpu:.1f}x")


def score_layouts() -> None:
    """The invented corpus of other councils' layouts, scored against its gold files."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.core.layout_corpus import ScorerMissing, load_scorer, score_corpus

    try:
        scorer = load_scorer()
    except ScorerMissing as missing:
        print(f"== invented layouts == skipped: {missing}")
        return
    per_layout, pooled = score_corpus(scorer)
    print("== invented layouts (tests/core/layouts) ==")
    for name, figures in per_layout.items():
        print(
            f"{name}: quantity_f1={figures['quantity_f1']:.3f} "
            f"label_agreement={figures['label_agreement']:.3f} tables={figures['tables']}"
        )
    print(
        f"pooled: quantity_f1={pooled['quantity_f1']:.3f} label_agreement={pooled['label_agreement']:.3f} "
        f"tables={pooled['tables']}"
    )


def score_shifted() -> None:
    """How many rows of the invented shifted tables the reader puts back under their projects."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.core.shifted_tables import invented_rows, shifted_tables

    original = invented_rows()
    put_back = total = 0
    header = "令和6年度 事業実績報告\n事業名\t具体的な実施事項\t事業実績内容\t令和6年度実績\n"
    for rows, moved in shifted_tables():
        text = header + "\n".join(f"{r.name}\t{r.activities}\t{r.narrative}\t{r.result}" for r in rows)
        projects = read_report_bytes(text.encode("utf-8"), "shifted.tsv").projects
        total += len(moved)
        put_back += sum(projects[k].current_text == original[k].result for k in moved)
    print(f"shifted rows put back: {put_back}/{total} = {put_back / total:.1%}")


def bench_concurrent_writes() -> None:
    """Five editors saving 200 times each at once, on SQLite and (when it answers) PostgreSQL."""
    import os
    import subprocess

    scenario = Path(__file__).resolve().parent / "concurrent_writes.py"
    print("== concurrent writers (5 × 200 saves through ChangeQuantity) ==")
    postgres = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    for extra in ([], ["--database-url", postgres]):
        finished = subprocess.run(
            [sys.executable, str(scenario), "--writers", "5", "--saves", "200", *extra],
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        )
        print((finished.stdout or finished.stderr).strip().splitlines()[-1])


def bench_evaluation() -> None:
    """The stored evaluation on a generated database (its own process and temporary SQLite file)."""
    import os
    import subprocess

    script = Path(__file__).resolve().parent / "bench_evaluation.py"
    finished = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SASAEAI_VAR_DIR")},
    )
    print((finished.stdout or finished.stderr).strip())


def main() -> None:
    score_layouts()
    score_shifted()
    bench_reader()
    bench_concurrent_writes()
    bench_evaluation()
    for name in ("bench_exports.py", "bench_limits.py"):
        path = Path(__file__).resolve().parent / name
        if path.exists():
            import importlib.util

            spec = importlib.util.spec_from_file_location(path.stem, path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.main()


if __name__ == "__main__":
    main()
