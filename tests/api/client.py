"""The API as a client sees it: a token for a user, and a test client that sends it.

The one place that knows how tokens are made: when they change (hashed,
expiring tokens), only :func:`api_token` changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from knox.models import AuthToken

from ..web.base import Cast


def api_token(user: User) -> str:
    """A token for ``user``, as ``POST /api/token/`` or ``sasaeai api-token`` would give."""
    _, key = AuthToken.objects.create(user=user)
    return str(key)


def auth_headers(user: User | AnonymousUser) -> dict[str, str]:
    """The Authorization header for ``user`` (none for the public)."""
    if not isinstance(user, User):
        return {}
    return {"Authorization": f"Token {api_token(user)}"}


def api_client(cast: Cast, role: str) -> Client:
    """A client that sends the token of the cast's user of ``role`` ("public" sends none)."""
    return Client(headers=auth_headers(cast.users()[role]))


def patch(client: Client, url: str, body: Any, if_match: str | None = None) -> Any:
    headers = {} if if_match is None else {"If-Match": if_match}
    return client.patch(url, body, content_type="application/json", headers=headers)
