"""Shared test set-up: fast password hashing, the seed documents of ../shared, and data built once per module.

Every test is a pytest function that asks for what it needs.  Data that many
tests read is built once for a test module inside one transaction
(:func:`module_transaction`) that is rolled back when the module ends:
``module_cast`` (the people, plan, projects and reports of tests/web/base.py),
``module_seeded`` (the shared seeds imported as in tests/exports/seeded.py), and
a module's own ``module_…`` fixtures built on them.  Each test still runs in its
own savepoint (pytest-django's ``db``) and gets its own copy of the Python
objects (``cast``, ``seeded``: :func:`fresh_copy`), so no test sees another's
changes.

Module data stays until the module ends, and while a module transaction is open
the database is open to every test of that module: a test that needs an empty
database, or none, belongs in a module that builds neither.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import settings

os.environ.setdefault("SASAEAI_TESTING", "1")
# Hypothesis's per-example deadline is a timing assertion: on a loaded 2-core machine a first example can
# take 300 ms and fail a correct test.  Tests state what is true, never how fast (benchmarks/ does that).
settings.register_profile("sasaeai", deadline=None)
settings.load_profile("sasaeai")
# Only the tests sign with this key; the site itself has no default key (docs/deploy.md).
TEST_SECRET_KEY = "tests-only-" + "k3y-" * 12


def pytest_configure(config: pytest.Config) -> None:
    """Fast password hashing and the tests' own SECRET_KEY: pytest-django loads the settings before this
    file is read, so the environment variables above come too late for them."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECRET_KEY = TEST_SECRET_KEY
    # The throttles' counts in this process's memory: the site's cache of files under var/ is shared by every
    # process (gunicorn's workers), and so would be by two test runs at once, each emptying it for its tests.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    # Tests of what a role may do sign the secretariat in with force_login and no one-time code; the tests of
    # two-factor login (tests/accounts/test_two_factor.py) turn it on, as it is by default on a real site.
    settings.SASAEAI_REQUIRE_2FA = False
    _empty_postgresql_tables_with_delete()


def _empty_postgresql_tables_with_delete() -> None:
    """After a transactional test, PostgreSQL's tables are emptied with DELETE, not TRUNCATE.

    Django empties every table after each test that commits (the browser tests, the live-server tests) with
    one TRUNCATE of all of them, which makes new files for some 50 tables: 0.19 s a test on these machines,
    against 0.04 s for a DELETE of the few rows a test leaves.  The foreign keys Django makes are
    deferred, so the order of the DELETEs does not matter; like the TRUNCATE, it keeps the sequences.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: list[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or allow_cascade or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [
            f"DELETE FROM {self.quote_name(table)}" for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked ``heavy`` first, in their own order, then the rest.

    ``make test`` hands the suite to the cores module by module in this order (pytest-xdist's loadscope with
    ``--no-loadscope-reorder``: by default it hands out the modules of most tests first, which left the
    fuzzer and the backup tests, one or two tests each, to the end); a module of child processes or of
    Chromium handed out last would keep one core busy while the others stand idle.
    """
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SASAEAI_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "data" / "seeds"
GOLD = SHARED / "data" / "gold"
LINKS = SHARED / "data" / "links"


def _shared_file(folder: Path, prefix: str) -> Path:
    if not folder.is_dir():
        pytest.fail(f"{folder} is missing: these tests read the shared seed documents; check out ../shared")
    matches = sorted(folder.glob(f"{prefix}*"))
    if not matches:
        pytest.fail(f"no file {prefix}* in {folder}")
    return matches[0]


def seed_path(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix`` (for fixtures that cannot ask for ``seed``)."""
    return _shared_file(SEEDS, prefix)


def links_path() -> Path:
    return _shared_file(LINKS, "tomakomai.yaml")


def gold_path(prefix: str) -> Path:
    """The gold file whose name starts with ``prefix`` (for helpers that cannot ask for ``gold``)."""
    return _shared_file(GOLD, prefix)


@pytest.fixture
def seed():
    """seed("000") -> path of the seed document whose name starts with 000."""
    return lambda prefix: _shared_file(SEEDS, prefix)


@pytest.fixture
def gold():
    """gold("000_report.json") -> path of a gold file."""
    return lambda name: _shared_file(GOLD, name)


@pytest.fixture
def links_file():
    return _shared_file(LINKS, "tomakomai.yaml")


@pytest.fixture(scope="module")
def module_transaction(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """One transaction around a module's tests; what module fixtures build in it is rolled back at the end."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


T = TypeVar("T")


def fresh_copy(built: T) -> T:
    """A test's own copy of objects built once for its module (as Django's TestData does for setUpTestData)."""
    return copy.deepcopy(built)


@pytest.fixture(scope="module")
def module_cast(module_transaction: None) -> Any:
    """The cast of tests/web/base.py, built once for a test module."""
    from tests.web.base import make_cast

    return make_cast()


@pytest.fixture
def cast(module_cast: Any, db: None) -> Any:
    """The cast for one test: built once per module, its rows rolled back and its objects copied afresh."""
    return fresh_copy(module_cast)


@pytest.fixture(scope="module")
def module_seeded(module_transaction: None) -> Any:
    """The seeded database of tests/exports/seeded.py, built once for a test module; FY2025 Q4 is published."""
    from sasaeai.evaluation.services.stored import recompute
    from sasaeai.reports.models import Report, ReportStatus
    from tests.exports.seeded import Seeded, build_seeded_database

    build_seeded_database()
    q4 = Report.objects.get(fiscal_year=2025, period="Q4")
    Report.objects.filter(pk=q4.pk).update(status=ReportStatus.PUBLISHED)
    recompute()  # the status was written past the services that keep the stored evaluation
    q4.refresh_from_db()
    return Seeded(q4=q4)


@pytest.fixture
def seeded(module_seeded: Any, db: None) -> Any:
    """The seeded database for one test: built once per module, its rows rolled back and its objects copied afresh."""
    return fresh_copy(module_seeded)


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """The caches emptied for each test: the API throttles count requests in one, public pages are kept in
    the other."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
