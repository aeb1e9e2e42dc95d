"""Business report tables (placeholder until the reader lands)."""

from __future__ import annotations

from pathlib import Path

from .errors import ReaderError
from .records import ReportDocument


def read_report_bytes(data: bytes, name: str) -> ReportDocument:
    raise ReaderError("not yet")


def read_report(path: Path | str) -> ReportDocument:
    raise ReaderError("not yet")
