"""The API's error bodies: DRF's, with the throttling message in Japanese and the wait in its own field."""

from __future__ import annotations

import math
from typing import Any

from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        seconds = getattr(exc, "wait", None)  # set by DRF, missing from its type stubs
        wait = math.ceil(seconds) if seconds is not None else None
        later = f"{wait}秒後に" if wait is not None else "しばらくしてから"
        response.data = {
            "detail": f"リクエストが多すぎます。{later}もう一度お試しください。",
            "retry_after": wait,
        }
    return response
