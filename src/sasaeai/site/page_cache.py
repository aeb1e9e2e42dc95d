"""Public pages kept rendered between writes: what an anonymous visitor reads is drawn once per change.

The public's pages (the overview, a plan's tree, an indicator, the indicator sheet,
a published report) read the stored evaluation, yet drawing them still costs
10–60 ms of templates; under twenty visitors at once the two cores queue.  A page
asked for by an anonymous visitor is kept in the ``pages`` cache under a key made
of its address, its language, today's date and the time of the last write to
any table of the site's data.  Writes are seen by django-cachalot (every ORM
write, ``bulk_create`` and ``update`` included, and raw SQL), which notes the
time each table was last written once the transaction commits, in the
``default`` cache that every process of ``sasaeai serve`` shares; a key never
outlives the data it was drawn from.

Only what is the same for every anonymous visitor is kept: a page that set a
cookie, used the CSRF token, or was asked for while a message waits for the
visitor is drawn for that request alone.  The page's CSP nonce is replaced by
the request's own in every answer from the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from cachalot.api import invalidate
from cachalot.cache import cachalot_caches
from cachalot.settings import cachalot_settings
from django.apps import apps
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

PAGES = "pages"  # the cache alias of the drawn pages (settings.CACHES)
TIMEOUT = 60 * 60  # a page unread for an hour is let go
# Apps whose writes leave a public page as it was: sessions, lockouts, tokens, two-factor devices, the
# admin's log and the audit trail (every write that changes a page writes a table of the site's data as
# well).  Users stay in: a report page names who submitted and approved each part.
UNRELATED_APPS = frozenset({"admin", "sessions", "contenttypes", "axes", "knox", "otp_totp", "audit"})

View = Callable[..., HttpResponse]


@cache
def data_tables() -> tuple[str, ...]:
    """The tables a public page may be drawn from: every table but those of :data:`UNRELATED_APPS`."""
    return tuple(
        sorted(
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label not in UNRELATED_APPS
        )
    )


def last_write() -> float:
    """When a table of the site's data was last written (django-cachalot's record, every process's; inside
    a transaction, with its own writes not yet committed).

    A table with no record (a cache emptied or culled) is recorded as written now, so that a page drawn
    before can never be taken for a page drawn after.
    """
    keygen = cachalot_settings.CACHALOT_TABLE_KEYGEN
    keys = {keygen(DEFAULT_DB_ALIAS, table): table for table in data_tables()}
    record = cachalot_caches.get_cache(db_alias=DEFAULT_DB_ALIAS)
    found = record.get_many(list(keys))
    missing = [table for key, table in keys.items() if key not in found]
    if missing:
        invalidate(*missing, db_alias=DEFAULT_DB_ALIAS)
        found = record.get_many(list(keys))
    return max(found.values(), default=0.0)


def _same_for_everyone(request: HttpRequest) -> bool:
    """An anonymous GET with no message waiting: its answer is the same for every such visitor."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return SessionStorage.session_key not in request.session


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = translation.get_language() or ""
    return f"page:{address}:{language}:{timezone.localdate().isoformat()}:{last_write()!r}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
    )


def _nonce(request: HttpRequest) -> str | None:
    """The CSP nonce the page used, if it used one (django-csp makes it when a template first reads it)."""
    nonce = getattr(request, "_csp_nonce", None)
    return str(nonce) if nonce else None


def _kept(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    return {
        "content": response.content,
        "content_type": response["Content-Type"],
        "nonce": _nonce(request),
    }


def _answer(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    content: bytes = kept["content"]
    if kept["nonce"]:
        content = content.replace(kept["nonce"].encode(), str(request.csp_nonce).encode())  # type: ignore[attr-defined]
    return HttpResponse(content, content_type=kept["content_type"])


def public_page(view: View) -> View:
    """Serve the view's page to anonymous visitors from the ``pages`` cache until the site's data changes."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _same_for_everyone(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        pages = caches[PAGES]
        kept = pages.get(key)
        if kept is not None:
            return _answer(request, kept)
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            pages.set(key, _kept(request, response), TIMEOUT)
        return response

    return cached_view
