"""What a locked-out visitor sees (django-axes' ``AXES_LOCKOUT_CALLABLE``): the login page saying so, in
Japanese, or a JSON body for the API; both with status 429."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def cooloff_minutes() -> int:
    """How long a lockout lasts, in whole minutes (AXES_COOLOFF_TIME)."""
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def locked_out_message() -> str:
    return (
        f"ログインの失敗が続いたため、しばらくログインできません。{cooloff_minutes()}分ほど待ってから、"
        "もう一度お試しください。"
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": locked_out_message()}, status=429)
    context = {"form": AuthenticationForm(request), "locked_out": locked_out_message()}
    return render(request, "registration/login.html", context, status=429)
