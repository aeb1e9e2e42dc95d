"""Who signs in with a second factor: the secretariat (事務局, role ``admin``), the site operator (role
``operator``) and anyone else who may open the Django admin site.  ``SASAEAI_REQUIRE_2FA`` turns it on
(the default); the demo turns it off for its own database.

The second factor is a TOTP device of django-otp (an authenticator app: six digits every 30 seconds).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from sasaeai.people.roles import role_of

# Role.ADMIN and (once the permissions rework lands) Role.OPERATOR, by value.
PRIVILEGED_ROLES = frozenset({"admin", "operator"})


def is_privileged(user: Any) -> bool:
    """The secretariat, the operator, and staff or superusers (who may open the admin site)."""
    if user is None or not user.is_authenticated:
        return False
    return role_of(user) in PRIVILEGED_ROLES or bool(user.is_staff or user.is_superuser)


def needs_two_factor(user: Any) -> bool:
    """Must this user give a one-time code before using the site?"""
    return bool(settings.SASAEAI_REQUIRE_2FA) and is_privileged(user)


def is_verified(user: Any) -> bool:
    """Has this session been verified with a one-time code (django-otp's OTPMiddleware says so)?"""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's authenticator app, once confirmed with a first code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: Any) -> TOTPDevice:
    """The device being enrolled: kept until confirmed, so that reloading the page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=False)
    return device
