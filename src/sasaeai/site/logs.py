"""Log lines as JSON objects on stderr, one a line, for a log collector (journald, Docker, Fluent Bit …)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes of a request worth a field of their own; the request's body, cookies and headers never are.
_REQUEST_FIELDS = ("method", "path")


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message"}``, with ``status``, ``method``, ``path`` for Django's request
    log and ``exception`` when there is a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        for field in _REQUEST_FIELDS:
            value = getattr(request, field, None)
            if isinstance(value, str):
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
