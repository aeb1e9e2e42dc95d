"""``sasaeai serve``, ``sasaeai demo``, ``sasaeai check`` and ``sasaeai where``: the site on a real WSGI
server (see :mod:`sasaeai.site.server`), the demo city, Django's system checks, and which database the
commands use (the rule of :mod:`sasaeai.site.database`).

``demo`` makes a SQLite database (``var/demo.sqlite3``) with its own random
SECRET_KEY, loads the fictional かえで市 through the same import services as
real documents, names it as the database every command uses from then on,
prints the logins, and serves it.  It asks before replacing a demo it made
before (``--reset`` does not ask).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from sasaeai.commands import database_problem, setup_django
from sasaeai.core.errors import SasaeaiError
from sasaeai.site.server import SERVERS, run_server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    """Add ``serve``, ``demo`` and ``where`` to the ``sasaeai`` parser."""
    serve = subparsers.add_parser(
        "serve",
        help="serve the web pages of the configured database (PORT, default 8000)",
        description="Serve the site on HOST:PORT (default 127.0.0.1 and $PORT or 8000): with gunicorn and "
        "several processes on Linux, with waitress on Windows. Uses the database of `sasaeai where`; run "
        "`sasaeai migrate` first. See docs/deploy.md.",
    )
    _server_arguments(serve)
    serve.add_argument(
        "--server",
        choices=SERVERS,
        default=None,
        help="the WSGI server (default: gunicorn where it runs, on Linux; else waitress)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn's processes (default: $WEB_CONCURRENCY, else 2 per core + 1)",
    )
    serve.set_defaults(handler=_serve)

    demo = subparsers.add_parser(
        "demo",
        help="create a demo database of a fictional city, print the logins, and serve it",
        description="Create a SQLite database (var/demo.sqlite3 unless --database), load a fictional "
        "municipality (plan, 3 years of quarterly reports, indicator links, comments, users of every role), "
        "make it the database of every sasaeai command (unless DATABASE_URL is set), print the demo "
        "logins and a file for each uploader to try, and serve the site on HOST:PORT. Asks before "
        "replacing a demo database that exists.",
    )
    _server_arguments(demo)
    demo.add_argument("--database", type=Path, help="the SQLite file to create (default: var/demo.sqlite3)")
    demo.add_argument(
        "--seed", type=int, default=None, help="seed of the generated figures (same seed, same data)"
    )
    demo.add_argument("--reset", action="store_true", help="replace an existing demo database without asking")
    demo.add_argument("--no-serve", action="store_true", help="load and print the logins, then stop")
    demo.set_defaults(handler=_demo)

    check = subparsers.add_parser(
        "check",
        help="run Django's system checks (with --deploy, the checks for a production site too)",
        description="Run Django's system checks over the configured settings and apps. With --deploy, also the "
        "checks for a production site (HTTPS, HSTS, secure cookies, SECRET_KEY, DEBUG off …); run it with the "
        "production environment loaded. Exits 1 when a message reaches --fail-level.",
    )
    check.add_argument("--deploy", action="store_true", help="also check the settings for production")
    check.add_argument(
        "--fail-level",
        default="ERROR",
        choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"],
        help="the level of message that makes the check fail (default: ERROR)",
    )
    check.set_defaults(handler=_check)

    where = subparsers.add_parser(
        "where",
        help="tell which database the commands use, why, and whether it is ready",
        description="Print the database every sasaeai command and the site use (DATABASE_URL when set, "
        "else the demo's once `sasaeai demo` has made one, else var/sasaeai.sqlite3), why, and whether "
        "it has its tables.",
    )
    where.set_defaults(handler=_where)


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("HOST", DEFAULT_HOST), help="address to listen on")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or DEFAULT_PORT),
        help="port (default $PORT or 8000)",
    )


def _serve(args: argparse.Namespace) -> int:
    from sasaeai.site.server import require_secret_key

    setup_django(database=False)
    require_secret_key()  # the first thing a new site must fix, before its database
    if args.workers is not None and args.workers < 1:
        raise SasaeaiError("--workers must be 1 or more.", "--workers には1以上を指定してください。")
    setup_django()
    return run_server(args.host, args.port, args.server, args.workers)


def _where(args: argparse.Namespace) -> int:
    from sasaeai.site.database import RULE, choose_database, var_dir

    database = choose_database(var_dir())
    print(f"database: {database.shown()}")
    print(f"because:  {database.reason}")
    setup_django(database=False)
    problem = database_problem()
    print(f"state:    {problem[0] if problem else 'ready'}")
    print(f"rule:     {RULE}")
    return 0


def _var_dir() -> Path:
    """The settings' var/ once Django is set up (as in tests), else the one the settings will read."""
    from django.apps import apps

    from sasaeai.site.database import var_dir

    if apps.ready:
        from django.conf import settings

        return Path(settings.VAR_DIR)
    return var_dir()


def _may_replace(path: Path, reset: bool) -> bool:
    """Whether to build the demo afresh at ``path``: yes if there is none, or with --reset, or when told so.

    Away from a terminal nobody can answer, so an existing demo is kept only by refusing.
    """
    if reset or not path.is_file() or path.stat().st_size == 0:
        return True
    if not sys.stdin.isatty():
        raise SasaeaiError(
            f"{path} already holds a demo city; run `sasaeai demo --reset` to replace it "
            "(not at a terminal, nothing was asked and nothing changed).",
            f"{path} にはデモの市があります。置き換えるには --reset を付けてください。",
        )
    answer = input(f"{path} already holds a demo city. Replace it with a fresh one? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _fresh_database(path: Path, var: Path) -> None:
    """Point this process at a new SQLite file, unless Django is already set up (as in tests)."""
    from django.apps import apps

    from sasaeai.site.database import forget_demo

    if apps.ready:
        return
    forget_demo(var)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        leftover.unlink(missing_ok=True)
    _use(path)


def _use(path: Path) -> None:
    """Point this process at the SQLite file ``path`` (not in tests, where Django is set up already)."""
    from django.apps import apps

    from sasaeai.site.database import sqlite_url

    if not apps.ready:
        os.environ["DATABASE_URL"] = sqlite_url(path)


def _check(args: argparse.Namespace) -> int:
    setup_django(database=False)  # the checks are of the settings and code, not of the data
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=args.deploy, fail_level=args.fail_level)
    except SystemCheckError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _demo_environment() -> None:
    """The demo's own random SECRET_KEY, and two-factor login off for its throw-away database (unless
    SASAEAI_REQUIRE_2FA says otherwise); not when Django is already set up (as in tests)."""
    from django.apps import apps

    if not apps.ready:
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
        os.environ.setdefault("SASAEAI_REQUIRE_2FA", "0")


def _demo(args: argparse.Namespace) -> int:
    url_was_set = bool(os.environ.get("DATABASE_URL"))
    var = _var_dir()
    path = args.database or var / "demo.sqlite3"
    replace = _may_replace(path, args.reset)
    if replace:
        _fresh_database(path, var)
    else:
        _use(path)
    _demo_environment()
    setup_django(database=False)
    from django.core.management import call_command

    from sasaeai.demo import load
    from sasaeai.demo.documents import DEFAULT_SEED
    from sasaeai.site.database import record_demo

    call_command("migrate", interactive=False, verbosity=0)
    seed = DEFAULT_SEED if args.seed is None else args.seed
    if replace:
        site = load.load_demo(var / "demo", seed)
    else:
        print(f"Kept the demo city in {path}.")
        site = load.DemoSite(var / "demo", load.demo_logins(var / "demo"))
        site.directory.mkdir(parents=True, exist_ok=True)
        load.write_upload_samples(site.logins, seed)
    record_demo(var, path)
    _print_site(site, args.host, args.port, path, url_was_set)
    if args.no_serve:
        return 0
    return run_server(args.host, args.port, "waitress")  # one process: the demo is for one person


def _print_site(site: Any, host: str, port: int, database: Path, url_was_set: bool) -> None:
    from sasaeai.demo.city import CITY, COUNCIL

    print(f"Demo of {CITY} / {COUNCIL}: database {database}")
    if site.reports:
        print(f"  plan, {len(site.reports)} quarterly reports and indicator links from {site.directory}")
    if url_was_set:
        print("  note: DATABASE_URL is set, so the other sasaeai commands use that database, not this one")
    else:
        print(
            "  every sasaeai command now uses this database (`sasaeai where` tells; DATABASE_URL overrides)"
        )
    print("Logins for this demo only (username / password / role / departments):")
    for login in site.logins:
        departments = "、".join(login.departments) or "-"
        print(f"  {login.username:<14} {login.password:<18} {login.role:<10} {departments}")
        if login.upload_sample is not None:
            print(f"  {'':<14} file to try on the upload page: {login.upload_sample}")
    from django.conf import settings

    if not settings.SASAEAI_REQUIRE_2FA:
        print(
            "Two-factor login is off for this demo database (SASAEAI_REQUIRE_2FA=0): "
            "the secretariat signs in with its password alone; production sites keep it on."
        )
    print(f"Open http://{host}:{port}/  (login at http://{host}:{port}/accounts/login/)", flush=True)
