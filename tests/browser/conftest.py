"""Browser tests: Debian's Chromium driven by Playwright for Python against the live test server.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (installed by
``make setup``).  Every page a test visits can be checked with axe-core (from
npm, ``node_modules/axe-core``) against WCAG 2.2 A and AA; a failing test
leaves a screenshot of its page in ``var/screenshots/``; a page that breaks its
own Content-Security-Policy fails the test (every test does with
``SASAEAI_SCREENSHOTS=all``, for looking at the pages).

The live server needs committed data (the server runs in another thread), so
these tests use a transactional database and build their cast themselves;
keep them in this folder, away from modules that share data per module.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop in the test's thread; the test's own database calls are still
# synchronous, so Django's guard against ORM calls from async code does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SASAEAI_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Without the background-networking flags Chromium keeps calling out, and this network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(live_server: Any) -> Iterator[Any]:
    """Chromium for the whole run; it asks for the live server so that it closes before the server stops
    (a connection Chromium kept open, closed after the server had stopped, raised in the server's thread)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's event loop is this thread's, Django keeps the database connections opened here
        # apart from the thread's others (asgiref's Local); unclosed, one kept the test database from being
        # dropped at the end of a PostgreSQL run.
        from django.db import connections

        connections.close_all()


WIDTHS = (1280, 390)  # a desk's screen and a phone's


def _accept(dialog: Any) -> None:
    dialog.accept()


class _Window:
    """A page kept open for the tests of one window width: a new page costs Chromium a renderer process
    (0.2–0.3 s), so each test gets the same page back, signed out and on a blank document."""

    def __init__(self, browser: Any, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP")
        # Injected through the browser (not as a page script), so the site's Content-Security-Policy stays
        # in force.
        self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.blocked.append(message.text)

    def reset(self) -> Any:
        """The page signed out, on a blank document, with nothing from the test before."""
        self.context.clear_cookies()
        # A page with unsaved figures asks before it is left; the question is answered, not left open.
        self.page.on("dialog", _accept)
        try:
            self.page.goto("about:blank")
        finally:
            self.page.remove_listener("dialog", _accept)
        self.blocked.clear()
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def _windows(browser: Any) -> Iterator[dict[int, _Window]]:
    windows: dict[int, _Window] = {}
    yield windows
    for window in windows.values():
        window.close()


@pytest.fixture
def page(_windows: dict[int, _Window], browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The page of the test's width (Japanese locale), reset for it; its screenshot is kept when the test
    fails, and a page that failed a test is not used again.

    1280 px wide, or as wide as a test asks with
    ``@pytest.mark.parametrize("page", WIDTHS, indirect=True)``.  A test that listens to the page's events
    stops listening before it ends (the page serves the next test).
    """
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make setup` (it installs axe-core from npm)")
    width = getattr(request, "param", 1280)
    if width not in _windows or _windows[width].page.is_closed():
        _windows[width] = _Window(browser, width)
    window = _windows[width]
    page = window.reset()
    yield page
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    if failed or os.environ.get("SASAEAI_SCREENSHOTS") == "all":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    if failed:
        del _windows[width]
        window.close()
    blocked = list(window.blocked)
    assert not blocked, f"the page broke its own Content-Security-Policy: {blocked[:3]}"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test item, so that the page fixture knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The WCAG 2.2 A/AA violations axe-core finds on the page as it is now."""
    # Only the violations are wanted; collecting every passing node makes axe several times slower.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    page.wait_for_load_state()  # a page that is still loading has no document for axe yet
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page: Any) -> None:
    """Fail with axe's findings when the page has any WCAG 2.2 A/AA violation."""
    found = axe_violations(page)
    assert not found, "axe: " + json.dumps(found, ensure_ascii=False)


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    """Log in with the password and open the home page, where the login form leads.

    The password is checked as the form checks it (lockout included), and the browser is given the session
    cookie the form would set: two page loads fewer a login.  The form itself is driven by
    :func:`log_in_with_the_form` (tests/browser/test_pages_in_chromium.py).
    """
    from django.conf import settings
    from django.test import Client

    from tests.web.base import login_request

    client = Client()
    assert client.login(request=login_request(), username=username, password=password), username
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.goto(live_server.url + settings.LOGIN_REDIRECT_URL)


def log_in_with_the_form(page: Any, live_server: Any, username: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("利用者名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def assert_no_horizontal_overflow(page: Any) -> None:
    """The page is no wider than the window: nothing to scroll sideways (a table may scroll in its own box)."""
    width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= window, f"{page.url} is {width} px wide in a {window} px window"


@pytest.fixture(scope="session")
def built_city(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo city once built in this process: its site (files and logins) and a snapshot of its rows."""
    return {"directory": tmp_path_factory.mktemp("city") / "demo"}


@pytest.fixture
def city(built_city: dict[str, Any], transactional_db: None) -> Any:
    """The demo's かえで市 with its last five quarterly reports: FY2024 Q4 to FY2025 Q2 published, Q3 approved,
    Q4 submitted; its users log in with :func:`log_in_as`.

    Built through the import services for the first test of a process, and put back from that build's
    snapshot for every later one (the same rows, keys and audit hashes).
    """
    from sasaeai.demo.load import load_demo
    from tests.snapshot import Snapshot

    if "site" not in built_city:
        built_city["site"] = load_demo(built_city["directory"], quarters=5)
        built_city["rows"] = Snapshot()
    else:
        built_city["rows"].restore()
    return built_city["site"]


def log_in_as(page: Any, live_server: Any, username: str) -> None:
    """Log in as a user of the demo city, with the demo's password."""
    from sasaeai.demo.load import demo_password

    log_in(page, live_server, username, demo_password(username))
