"""What every page needs to know about the sign-in: whether the one-time code is still to come."""

from __future__ import annotations

from django.http import HttpRequest

from .twofactor import is_verified, needs_two_factor


def two_factor(request: HttpRequest) -> dict[str, bool]:
    """``two_factor_pending``: the menu is hidden until the code is given (its links would lead back here)."""
    user = getattr(request, "user", None)
    return {"two_factor_pending": needs_two_factor(user) and not is_verified(user)}
