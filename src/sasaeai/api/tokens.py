"""API tokens (django-rest-knox): made from a user name and password, shown once, stored as a hash only,
valid for ``REST_KNOX["TOKEN_TTL"]`` (API_TOKEN_TTL_DAYS, 30 days by default), revoked one by one or all at
once, and all of a user's revoked when the password changes (:mod:`sasaeai.accounts.signals`).

The token endpoint has a throttle of its own (``token`` scope) beside the login lockout of django-axes,
which counts its wrong passwords together with the login page's.  Secretariat and operator accounts also give
the one-time code of their authenticator app (``otp``), as on the login page: a token is no way around it.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox import views as knox
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from sasaeai.accounts.lockout import locked_out_message
from sasaeai.accounts.twofactor import confirmed_device, needs_two_factor

WRONG_CREDENTIALS = "利用者名またはパスワードが正しくありません。"

TokenRequest = inline_serializer(
    "TokenRequest",
    {
        "username": serializers.CharField(),
        "password": serializers.CharField(),
        "otp": serializers.CharField(
            required=False, help_text="secretariat and operator: the six-digit code"
        ),
    },
)
TokenResponse = inline_serializer(
    "TokenResponse",
    {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
)
Detail = inline_serializer("Detail", {"detail": serializers.CharField()})


def second_factor_refusal(user: Any, code: object) -> Response | None:
    """Why a user who signs in with two factors gets no token, or None when the code is right."""
    if not needs_two_factor(user):
        return None
    device = confirmed_device(user)
    if device is None:
        detail = "2段階認証の認証アプリがまだ登録されていません。画面からログインして登録してください。"
        return Response({"detail": detail}, status=status.HTTP_403_FORBIDDEN)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        detail = "確認コードの誤りが続いたため、少しの間入力できません。しばらく待ってからお試しください。"
        return Response({"detail": detail}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    if not isinstance(code, str) or not device.verify_token(code):
        return Response(
            {"detail": "確認コード（otp）が正しくありません。"}, status=status.HTTP_400_BAD_REQUEST
        )
    return None


class ObtainToken(knox.LoginView):  # type: ignore[misc]  # knox has no type hints
    """A new token for the user name and password given; the token is shown in this answer only."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequest,
        responses={
            200: TokenResponse,
            400: OpenApiResponse(Detail, description="wrong user name, password or one-time code"),
            403: OpenApiResponse(Detail, description="two-factor login required but no app registered"),
            429: OpenApiResponse(Detail, description="locked out, or too many requests"),
        },
    )
    def post(self, request: Request, format: Any = None) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        credentials = AuthTokenSerializer(data=data, context={"request": request})
        if not credentials.is_valid():
            if getattr(request, "axes_locked_out", False):
                return Response({"detail": locked_out_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            return Response({"detail": WRONG_CREDENTIALS}, status=status.HTTP_400_BAD_REQUEST)
        user = credentials.validated_data["user"]
        refusal = second_factor_refusal(user, data.get("otp"))
        if refusal is not None:
            return refusal
        request.user = user
        response: Response = super().post(request, format)
        return response


class RevokeToken(knox.LogoutView):  # type: ignore[misc]
    """Revoke the token this request was made with."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, format: Any = None) -> Response:
        response: Response = super().post(request, format)
        return response


class RevokeAllTokens(knox.LogoutAllView):  # type: ignore[misc]
    """Revoke every token of the user this request's token belongs to."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, format: Any = None) -> Response:
        response: Response = super().post(request, format)
        return response
