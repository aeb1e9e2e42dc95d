"""The error pages without a browser: the 500 page needs no database, every response carries a request id,
and 403 and 404 are the site's Japanese pages."""

from __future__ import annotations

import re

from django.test import Client, RequestFactory

from sasaeai.front.views.errors import server_error
from sasaeai.site.request_id import HEADER, RequestIdMiddleware

from .base import Cast, client_for


def test_the_server_error_page_needs_no_database_and_shows_the_request_id() -> None:
    # No database mark: pytest-django refuses every query this test would make.
    respond = RequestIdMiddleware(server_error)
    response = respond(RequestFactory().get("/reports/1/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ja">' in page and "ページを表示できませんでした" in page
    assert re.fullmatch(r"[0-9a-f]{16}", response[HEADER])
    assert f"受付番号: <code>{response[HEADER]}</code>" in page
    assert "ログアウト" not in page  # no menu: it would ask the database who is looking


def test_every_response_carries_its_own_request_id(client: Client, db: None) -> None:
    first, second = client.get("/"), client.get("/no-such-page/")
    assert first[HEADER] != second[HEADER]
    assert all(re.fullmatch(r"[0-9a-f]{16}", r[HEADER]) for r in (first, second))


def test_a_missing_page_is_the_sites_japanese_page(client: Client, cast: Cast) -> None:
    response = client.get(f"/reports/{cast.draft.pk}/")  # a draft: the public must not learn it exists
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="ja">' in page and "ページが見つかりません" in page
    assert "公開されていない報告です" not in page


def test_a_refused_page_is_the_sites_japanese_page(cast: Cast) -> None:
    response = client_for(cast, "editor").get("/queue/")
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="ja">' in page and "このページを開く権限がありません" in page and "（担当課）" in page
