"""The largest files the limits allow, read through ``read_report_bytes``: time and peak memory.

Goal: each reads in under 10 s of CPU time with a peak RSS under 500 MB (CPU
time, because wall time on a shared machine also counts the others' work; both
are printed).  The files:

- ``largest.xlsx``: the invented report table of :mod:`corpus` at the row limit,
  written by openpyxl (write-only), as a council's largest export would be;
- ``widest.xlsx``: rows of 200 numbers up to the XML element limit, the most
  sheet XML the workbook checks let through;
- ``largest.tsv``: the invented report table at the row limit;
- ``densest.tsv``: the same rows with their result cells written eight times
  over, up to the size limit: no council writes this, and the report reader's
  reading of quantities (about a megabyte a second) is what its time measures.

Each read runs in a child process of its own, which prints its peak RSS; the
baseline is a plain openpyxl read-only iteration of the same workbook, or a
plain decode-and-split of the same TSV, in a child beside it.

Runs alone (``.venv/bin/python benchmarks/bench_limits.py``) or from
``benchmarks/run.py``.  Prints figures and PASS/FAIL; asserts nothing.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import report_table

TARGET_SECONDS = 10.0
TARGET_MB = 500.0
_MODES = ("report", "table", "openpyxl", "split")


def largest_tsv(repeat: int = 1) -> bytes:
    """The invented report table, cut at the row limit and at the file-size limit; ``repeat`` > 1
    writes each result cell that many times over, as no council does, to fill the size limit."""
    from sasaeai.core.limits import MAX_FILE_BYTES, MAX_ROWS

    lines = report_table(0, rows=MAX_ROWS).splitlines()[:MAX_ROWS]
    if repeat > 1:
        lines = ["\t".join(_repeat(cells, repeat)) for cells in (line.split("\t") for line in lines)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return data[: data.rfind(b"\n", 0, MAX_FILE_BYTES) + 1]


def _repeat(cells: list[str], repeat: int) -> list[str]:
    if len(cells) < 9 or not cells[2].isdigit():
        return cells
    return [*cells[:7], *(" ".join([cell] * repeat) for cell in cells[7:9]), *cells[9:]]


def widest_workbook() -> bytes:
    """Rows of 200 numbers, as many as the element limit allows: the most XML the checks let through."""
    from sasaeai.core.limits import MAX_COLUMNS, MAX_XML_ELEMENTS

    header = "令和7年度 事業報告\n事業名\t具体的な実施事項\t令和7年度実績"  # a header of three, rows of 200
    rows = MAX_XML_ELEMENTS // (2 * MAX_COLUMNS + 2) - 10  # <row>, a name <c><is><t>, numbers <c><v>
    lines = header.splitlines() + [
        "\t".join([f"事業{row}", *(str(row * MAX_COLUMNS + column) for column in range(1, MAX_COLUMNS))])
        for row in range(rows)
    ]
    return _workbook(lines, numbers=True)


def largest_workbook() -> bytes:
    """The same table in an openpyxl workbook, with as many rows as the workbook checks let through."""
    from sasaeai.core import ReaderError
    from sasaeai.core.workbooks import check_workbook

    lines = largest_tsv().decode("utf-8").splitlines()
    while True:
        data = _workbook(lines)
        try:
            check_workbook(data, "largest.xlsx")
            return data
        except ReaderError:
            lines = lines[: len(lines) * 9 // 10]


def _workbook(lines: list[str], numbers: bool = False) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)  # writes as it goes, as a large export would
    sheet = workbook.create_sheet("報告")
    for line in lines:
        cells = line.split("\t")
        sheet.append([int(cell) if numbers and cell.isdigit() else cell for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def child(mode: str, path: str) -> None:
    """Read ``path`` one way and print the seconds, the rows and the peak RSS (MB) as JSON."""
    data = Path(path).read_bytes()
    before = _peak_mb()
    started, started_cpu = time.perf_counter(), time.process_time()
    if mode == "report":
        from sasaeai.core import ReaderError, read_report_bytes

        try:
            rows = len(read_report_bytes(data, Path(path).name).projects)
        except ReaderError as refused:  # read to the end, then refused for what it holds
            print(f"refused: {refused}", file=sys.stderr)
            rows = 0
    elif mode == "table":
        from sasaeai.core import read_table

        rows = len(read_table(data, Path(path).name).rows)
    elif mode == "openpyxl":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
    else:
        rows = len([line.split("\t") for line in data.decode("utf-8").splitlines()])
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    peak = _peak_mb()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": rows, "peak_mb": peak, "start_mb": before}))


def _peak_mb() -> float:
    """This process's peak RSS.  Linux keeps ru_maxrss across exec, so a child would report the
    parent's size at the fork; VmHWM belongs to the address space exec gave it."""
    try:
        status = Path("/proc/self/status").read_text()
        return (
            next(float(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
        )
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(mode: str, path: Path) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    if "refused: " in run.stderr:
        print(f"  ({run.stderr.split('refused: ', 1)[1].strip()})")
    return figures


def _line(label: str, figures: dict[str, float], goal: bool) -> str:
    verdict = ""
    if goal:
        met = figures["cpu"] < TARGET_SECONDS and figures["peak_mb"] < TARGET_MB
        verdict = "  PASS" if met else "  FAIL"
    return (
        f"{label:<30} {figures['cpu']:6.2f} s CPU ({figures['seconds']:5.2f} s wall)  "
        f"peak RSS {figures['peak_mb']:4.0f} MB "
        f"(at start {figures['start_mb']:.0f} MB)  {figures['rows']:.0f} rows/projects{verdict}"
    )


def main() -> None:
    from sasaeai.core.limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, MB

    print(
        f"== largest allowed files (limits: {MAX_FILE_BYTES // MB} MB, {MAX_UNPACKED_BYTES // MB} MB unpacked, "
        f"{MAX_ROWS:,} rows, {MAX_COLUMNS} columns; goal < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB) =="
    )
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "largest.xlsx": largest_workbook(),  # the invented report at the row limit
            "widest.xlsx": widest_workbook(),  # numbers to the element limit
            "largest.tsv": largest_tsv(),  # the invented report at the row limit
            "densest.tsv": largest_tsv(repeat=8),  # results written eight times over, to the size limit
        }
        for file_name, data in files.items():
            path = Path(folder, file_name)
            path.write_bytes(data)
            baseline = "openpyxl" if file_name.endswith(".xlsx") else "split"
            print(f"{path.name}: {path.stat().st_size / MB:.1f} MB, {_unpacked(path) / MB:.1f} MB unpacked")
            print(_line(f"  baseline ({baseline})", _measure(baseline, path), goal=False))
            print(_line("  read_table (the file only)", _measure("table", path), goal=False))
            print(_line("  read_report_bytes", _measure("report", path), goal=True))


def _unpacked(path: Path) -> int:
    import zipfile

    if not zipfile.is_zipfile(path):
        return path.stat().st_size
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"] and sys.argv[2] in _MODES:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
