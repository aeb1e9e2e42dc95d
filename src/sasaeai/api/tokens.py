"""API tokens (django-rest-knox): made from a user name and password, shown once, stored as a hash only,
valid for ``REST_KNOX["TOKEN_TTL"]`` (API_TOKEN_TTL_DAYS, 30 days by default), revoked one by one or all at
once, and all of a user's revoked when the password changes (:mod:`sasaeai.accounts.signals`).

The token endpoint has a throttle of its own (``token`` scope) beside the login lockout of django-axes,
which counts its wrong passwords together with the login page's.  Secretariat and operator accounts also give
the one-time code of their authenticator app (``otp``), as on the login page: a token is no way around it.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from knox import views as knox
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from sasaeai.accounts.lockout import locked_out_message
from sasaeai.accounts.twofactor import confirmed_device, needs_two_factor

from .schema import answers

WRONG_CREDENTIALS = "利用者名またはパスワードが正しくありません。"

TokenRequest = inline_serializer(
    "TokenRequest",
    {
        "username": serializers.CharField(max_length=150),
        "password": serializers.CharField(max_length=4096),
        "otp": serializers.CharField(
            required=False, max_length=16, help_text="secretariat and operator: the six-digit code"
        ),
    },
)
TokenResponse = inline_serializer(
    "TokenResponse",
    {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
)


def refusal(status_code: int, code: str, detail: str, detail_en: str) -> Response:
    """A refusal in the API's one error shape (:mod:`.errors`)."""
    body: dict[str, Any] = {"code": code, "detail": detail, "detail_en": detail_en, "errors": {}}
    if status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        body["retry_after"] = None  # the lockout or the code wait ends on its own; no fixed time to give
    return Response(body, status=status_code)


def second_factor_refusal(user: Any, code: object) -> Response | None:
    """Why a user who signs in with two factors gets no token, or None when the code is right."""
    if not needs_two_factor(user):
        return None
    device = confirmed_device(user)
    if device is None:
        return refusal(
            status.HTTP_403_FORBIDDEN,
            "two_factor_not_set_up",
            "2段階認証の認証アプリがまだ登録されていません。画面からログインして登録してください。",
            "No authenticator app is registered yet; log in on the pages to register one.",
        )
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return refusal(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "throttled",
            "確認コードの誤りが続いたため、少しの間入力できません。しばらく待ってからお試しください。",
            "Too many wrong codes; wait a little and try again.",
        )
    if not isinstance(code, str) or not device.verify_token(code):
        return refusal(
            status.HTTP_400_BAD_REQUEST,
            "invalid",
            "確認コード（otp）が正しくありません。",
            "The code (otp) is wrong.",
        )
    return None


class ObtainToken(knox.LoginView):  # type: ignore[misc]  # knox has no type hints
    """A new token for the user name and password given; the token is shown in this answer only."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_scope = "token"

    renderer_classes = (JSONRenderer,)

    @extend_schema(auth=[], request=TokenRequest, responses=answers({200: TokenResponse}, 400, 403))
    def post(self, request: Request, format: Any = None) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        credentials = AuthTokenSerializer(data=data, context={"request": request})
        if not credentials.is_valid():
            if getattr(request, "axes_locked_out", False):
                return refusal(
                    status.HTTP_429_TOO_MANY_REQUESTS,
                    "locked_out",
                    locked_out_message(),
                    "Too many wrong passwords: this user name is locked out for a while from this address.",
                )
            return refusal(
                status.HTTP_400_BAD_REQUEST, "invalid", WRONG_CREDENTIALS, "Wrong user name or password."
            )
        user = credentials.validated_data["user"]
        second_factor = second_factor_refusal(user, data.get("otp"))
        if second_factor is not None:
            return second_factor
        request.user = user
        response: Response = super().post(request, format)
        return response


class RevokeToken(knox.LogoutView):  # type: ignore[misc]
    """Revoke the token this request was made with."""

    renderer_classes = (JSONRenderer,)

    @extend_schema(request=None, responses=answers({204: None}))
    def post(self, request: Request, format: Any = None) -> Response:
        response: Response = super().post(request, format)
        return response


class RevokeAllTokens(knox.LogoutAllView):  # type: ignore[misc]
    """Revoke every token of the user this request's token belongs to."""

    renderer_classes = (JSONRenderer,)

    @extend_schema(request=None, responses=answers({204: None}))
    def post(self, request: Request, format: Any = None) -> Response:
        response: Response = super().post(request, format)
        return response
