"""The Django admin site, for the operator: signed in through the site's own login (lockout and two-factor
login included), and only with a verified session where two-factor login is required."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .twofactor import is_verified, needs_two_factor


class AdminSite(admin.AdminSite):
    site_header = "支えあい 管理サイト"
    site_title = "支えあい 管理サイト"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return super().has_permission(request) and (not needs_two_factor(user) or is_verified(user))

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target)
