"""API tokens (django-rest-knox): made from a user name and password, shown once, stored as a hash only,
valid for ``REST_KNOX["TOKEN_TTL"]`` (API_TOKEN_TTL_DAYS, 30 days by default), revoked one by one or all at
once, and all of a user's revoked when the password changes (:mod:`sasaeai.accounts.signals`).

The token endpoint has a throttle of its own (``token`` scope) beside the login lockout of django-axes,
which counts its wrong passwords together with the login page's.
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

WRONG_CREDENTIALS = "利用者名またはパスワードが正しくありません。"

TokenRequest = inline_serializer(
    "TokenRequest",
    {"username": serializers.CharField(), "password": serializers.CharField()},
)
TokenResponse = inline_serializer(
    "TokenResponse",
    {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
)
Detail = inline_serializer("Detail", {"detail": serializers.CharField()})


class ObtainToken(knox.LoginView):  # type: ignore[misc]  # knox has no type hints
    """A new token for the user name and password given; the token is shown in this answer only."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequest,
        responses={
            200: TokenResponse,
            400: OpenApiResponse(Detail, description="wrong user name or password"),
            429: OpenApiResponse(Detail, description="locked out, or too many requests"),
        },
    )
    def post(self, request: Request, format: Any = None) -> Response:
        credentials = AuthTokenSerializer(data=request.data, context={"request": request})
        if not credentials.is_valid():
            if getattr(request, "axes_locked_out", False):
                return Response({"detail": locked_out_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            return Response({"detail": WRONG_CREDENTIALS}, status=status.HTTP_400_BAD_REQUEST)
        request.user = credentials.validated_data["user"]
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
