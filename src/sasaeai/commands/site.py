"""``sasaeai serve``, ``sasaeai demo`` and ``sasaeai check``: the site on a real WSGI server
(see :mod:`sasaeai.site.server`) and Django's system checks.

``demo`` makes a fresh SQLite database (``var/demo.sqlite3``) with its own random
SECRET_KEY, loads the fictional かえで市 through the same import services as real
documents, prints the logins, and serves it.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from sasaeai.commands import setup_django
from sasaeai.site.server import run_server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    """Add ``serve`` and ``demo`` to the ``sasaeai`` parser."""
    serve = subparsers.add_parser(
        "serve",
        help="serve the web pages of the configured database (PORT, default 8000)",
        description="Serve the site with waitress on HOST:PORT (default 127.0.0.1 and $PORT or 8000). "
        "Uses the configured database (DATABASE_URL, else SQLite in var/); run `sasaeai migrate` first.",
    )
    _server_arguments(serve)
    serve.set_defaults(handler=_serve)

    demo = subparsers.add_parser(
        "demo",
        help="create a fresh demo database of a fictional city, print the logins, and serve it",
        description="Create a fresh SQLite database (var/demo.sqlite3 unless --database), load a fictional "
        "municipality (plan, 3 years of quarterly reports, indicator links, comments, users of every role), "
        "print the logins with their passwords and serve the site on HOST:PORT.",
    )
    _server_arguments(demo)
    demo.add_argument("--database", type=Path, help="the SQLite file to create (default: var/demo.sqlite3)")
    demo.add_argument(
        "--seed", type=int, default=None, help="seed of the generated figures (same seed, same data)"
    )
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


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("HOST", DEFAULT_HOST), help="address to listen on")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or DEFAULT_PORT),
        help="port (default $PORT or 8000)",
    )


def _serve(args: argparse.Namespace) -> int:
    setup_django()
    return run_server(args.host, args.port)


def _fresh_database(path: Path) -> None:
    """Point this process at a new SQLite file, unless Django is already set up (as in tests)."""
    from django.apps import apps

    if apps.ready:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        leftover.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path.resolve()}"


def _check(args: argparse.Namespace) -> int:
    setup_django()
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
    var = Path(os.environ.get("SASAEAI_VAR_DIR", Path.cwd() / "var"))
    _fresh_database(args.database or var / "demo.sqlite3")
    _demo_environment()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from sasaeai.demo.documents import DEFAULT_SEED
    from sasaeai.demo.load import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    seed = DEFAULT_SEED if args.seed is None else args.seed
    site = load_demo(Path(settings.VAR_DIR) / "demo", seed)
    _print_site(site, args.host, args.port, settings.DATABASES["default"]["NAME"])
    if args.no_serve:
        return 0
    return run_server(args.host, args.port)


def _print_site(site: Any, host: str, port: int, database: object) -> None:
    from sasaeai.demo.city import CITY, COUNCIL

    print(f"Demo of {CITY} / {COUNCIL}: database {database}")
    print(
        f"  plan, {len(site.files.reports)} quarterly reports and indicator links from {site.files.directory}"
    )
    print(f"  a file to try on the upload page: {site.upload_sample}")
    print("Logins (username / password / role / departments):")
    for login in site.logins:
        departments = "、".join(login.departments) or "-"
        print(f"  {login.username:<10} {login.password:<14} {login.role:<10} {departments}")
    from django.conf import settings

    if not settings.SASAEAI_REQUIRE_2FA:
        print(
            "Two-factor login is off for this demo database (SASAEAI_REQUIRE_2FA=0): "
            "the secretariat signs in with its password alone; production sites keep it on."
        )
    print(f"Open http://{host}:{port}/  (login at http://{host}:{port}/accounts/login/)", flush=True)
