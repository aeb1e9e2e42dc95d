"""A request id for every request: in the ``X-Request-ID`` header, in the log and on the 500 page.

Someone who meets an error reads the id off the page; the operator finds it in
the log, on the line just after the traceback.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
ATTRIBUTE = "sasaeai_request_id"
logger = logging.getLogger("sasaeai.request")


def request_id(request: HttpRequest) -> str:
    """The request's id ("" for a request that did not pass the middleware)."""
    return str(getattr(request, ATTRIBUTE, ""))


class RequestIdMiddleware:
    """Give each request a fresh id; put it on the response and in the log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        setattr(request, ATTRIBUTE, uuid.uuid4().hex[:16])
        response = self.get_response(request)
        response[HEADER] = request_id(request)
        status = response.status_code
        line = "request %s: %s %s answered %s"
        if status >= 500:  # Django has just logged the traceback, on the lines above this one
            logger.error(
                line + " (its traceback is above)", request_id(request), request.method, request.path, status
            )
        else:
            logger.info(line, request_id(request), request.method, request.path, status)
        return response
