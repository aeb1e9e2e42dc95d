"""The login page, and the two-factor pages of the secretariat and the operator.

Login checks the password (with django-axes' lockout); a secretariat or operator account then gives the
six-digit code of its authenticator app, or, the first time, registers the app by scanning a QR code and
confirming with a first code.  Their sessions end when the browser closes.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.models import Device

from .forms import CodeForm
from .twofactor import confirmed_device, is_privileged, is_verified, needs_two_factor, pending_device


class LoginView(auth_views.LoginView):
    """Django's login with the second step: secretariat and operator go on to their one-time code."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if is_privileged(user):
            self.request.session.set_expiry(0)  # ends with the browser, as well as after the idle timeout
        if needs_two_factor(user):
            step = "two_factor_verify" if confirmed_device(user) else "two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({REDIRECT_FIELD_NAME: self.get_success_url()})}")
        return response


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if safe else reverse("overview")


def _verified(request: HttpRequest, device: Device, form: CodeForm) -> bool:
    if not form.is_valid():
        return False
    otp_login(request, device)
    return True


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponseBase:
    """確認コードの入力: the code of the registered authenticator app."""
    if not needs_two_factor(request.user) or is_verified(request.user):
        return redirect(_next_url(request))
    device = confirmed_device(request.user)
    if device is None:
        return redirect(
            f"{reverse('two_factor_setup')}?{urlencode({REDIRECT_FIELD_NAME: _next_url(request)})}"
        )
    form = CodeForm(request.user, device, request.POST if request.method == "POST" else None)
    if request.method == "POST" and _verified(request, device, form):
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "registration/two_factor_verify.html", context)


def _qr_svg(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, title="認証アプリに登録するQRコード"))


def _grouped(secret: bytes) -> str:
    text = b32encode(secret).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponseBase:
    """認証アプリの登録: scan the QR code (or type the key), then confirm with the first code."""
    if not needs_two_factor(request.user) or confirmed_device(request.user) is not None:
        return redirect(_next_url(request))
    device = pending_device(request.user)
    form = CodeForm(request.user, device, request.POST if request.method == "POST" else None)
    if request.method == "POST" and _verified(request, device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(
            request, "認証アプリを登録しました。次回からはログインのたびに確認コードを入力します。"
        )
        return redirect(_next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": _qr_svg(device.config_url),
        "secret": _grouped(device.bin_key),
        "otpauth_url": device.config_url,
    }
    return render(request, "registration/two_factor_setup.html", context)
