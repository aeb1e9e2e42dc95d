"""Keep a secretariat or operator session that has not given its one-time code out of every page but the
two-factor pages, login and logout; the API answers 403 instead of redirecting."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from .twofactor import confirmed_device, is_verified, needs_two_factor

OPEN_URL_NAMES = ("two_factor_verify", "two_factor_setup", "login", "logout")


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if needs_two_factor(user) and not is_verified(user) and not self._open(request):
            if request.path.startswith("/api/"):
                detail = "2段階認証が済んでいません。画面からログインして確認コードを入力してください。"
                return JsonResponse({"detail": detail}, status=403)
            step = "two_factor_verify" if confirmed_device(user) else "two_factor_setup"
            return redirect_to_login(request.get_full_path(), login_url=reverse(step))
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        return request.path in {reverse(name) for name in OPEN_URL_NAMES}
