"""The API's one error shape, for every refusal (400, 401, 403, 404, 405, 409, 412, 415, 428, 429).

    {"code": "not_found", "detail": "その実績はありません。", "detail_en": "No such figure.",
     "errors": {"value": ["値が大きすぎます（…）。"]}}

``code`` is stable for programs; ``detail`` is one Japanese sentence for people, ``detail_en`` the same in
English; ``errors`` names each refused field of the request (``non_field_errors`` for the request as a whole)
and is empty otherwise; a 429 also says after how many seconds to try again (``retry_after``, as the
``Retry-After`` header does).
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from sasaeai.core.errors import SasaeaiError

# code → (Japanese, English) for DRF's own refusals.
SENTENCES: dict[str, tuple[str, str]] = {
    "invalid": ("入力に誤りがあります。", "The request has errors."),
    "parse_error": ("JSONとして読めません。", "The body is not valid JSON."),
    "not_authenticated": ("トークンが必要です。", "A token is required."),
    "authentication_failed": (
        "トークンが正しくないか、期限が切れています。",
        "The token is wrong or expired.",
    ),
    "permission_denied": ("この操作の権限がありません。", "You may not do this."),
    "not_found": ("見つかりません。", "Not found."),
    "method_not_allowed": ("このメソッドは使えません。", "This method is not allowed here."),
    "not_acceptable": ("JSON（application/json）でのみ応答します。", "Only application/json is served."),
    "unsupported_media_type": (
        "本文はJSON（application/json）で送ってください。",
        "Send the body as application/json.",
    ),
    "throttled": (
        "リクエストが多すぎます。しばらくしてからもう一度お試しください。",
        "Too many requests; try again later.",
    ),
}


class ApiError(exceptions.APIException):
    """A refusal with its code and both sentences."""

    def __init__(self, status_code: int, code: str, detail: str, detail_en: str) -> None:
        super().__init__(detail, code)
        self.status_code = status_code
        self.code, self.detail_en = code, detail_en


def not_found(what_ja: str, what_en: str) -> ApiError:
    return ApiError(status.HTTP_404_NOT_FOUND, "not_found", f"{what_ja}はありません。", f"No such {what_en}.")


def forbidden(detail: str, detail_en: str) -> ApiError:
    return ApiError(status.HTTP_403_FORBIDDEN, "permission_denied", detail, detail_en)


def refused(error: SasaeaiError) -> ApiError:
    """An operation's refusal after the view's own checks: the report's state changed in between (409)."""
    return ApiError(status.HTTP_409_CONFLICT, "conflict", error.message_ja, error.message)


def _fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as flat names (``entries.0.value``) with their messages."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            found.update(_fields(value, f"{prefix}.{key}" if prefix else str(key)))
        return found
    if isinstance(detail, list) and detail and all(isinstance(item, str) for item in detail):
        return {prefix or "non_field_errors": [str(item) for item in detail]}
    if isinstance(detail, list):
        found = {}
        for index, item in enumerate(detail):
            found.update(_fields(item, f"{prefix}.{index}" if prefix else str(index)))
        return found
    return {prefix or "non_field_errors": [str(detail)]}


def _body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, ApiError):
        return {"code": exc.code, "detail": str(exc.detail), "detail_en": exc.detail_en, "errors": {}}
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        first = next(iter(fields.values()), [""])[0]
        ja, en = SENTENCES["invalid"]
        return {"code": "invalid", "detail": f"{ja}{first}", "detail_en": en, "errors": fields}
    code = str(exc.default_code)
    ja, en = SENTENCES.get(code, (str(exc.detail), str(exc.default_detail)))
    body: dict[str, Any] = {"code": code, "detail": ja, "detail_en": en, "errors": {}}
    if isinstance(exc, exceptions.Throttled):
        seconds = getattr(exc, "wait", None)  # set by DRF, missing from its type stubs
        wait = math.ceil(seconds) if seconds is not None else None
        later = f"{wait}秒後に" if wait is not None else "しばらくしてから"
        body["detail"] = f"リクエストが多すぎます。{later}もう一度お試しください。"
        body["retry_after"] = wait
    return body


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (its status and headers: WWW-Authenticate, Retry-After), with the one error shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    response.data = _body(exc)
    return response


class ErrorSerializer(serializers.Serializer[Any]):
    """The one error shape of every refusal."""

    code = serializers.CharField(help_text="stable for programs: invalid, not_found, precondition_failed …")
    detail = serializers.CharField(help_text="one sentence in Japanese")
    detail_en = serializers.CharField(help_text="the same in English")
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="the refused fields of the request and why (non_field_errors: the request as a whole)",
    )
    retry_after = serializers.IntegerField(
        required=False, allow_null=True, help_text="429 only: seconds to wait, as the Retry-After header"
    )
