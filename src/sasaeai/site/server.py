"""The site on a real WSGI server, with static files served by WhiteNoise.

On Linux (and other Unix) gunicorn runs several processes, so that pages are served on every core;
on Windows, and for the demo, waitress runs one process with threads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sasaeai.core.errors import SasaeaiError


def require_secret_key() -> None:
    """Refuse to serve without a SECRET_KEY: sessions, CSRF tokens and password-reset links are signed with it."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 (Django raises on reading an empty key)
    except ImproperlyConfigured:
        raise SasaeaiError(
            "SECRET_KEY is not set: give the site a long random SECRET_KEY in the environment "
            "(see docs/deploy.md), or set DEBUG=1 on a development machine.",
            "SECRET_KEY が設定されていません。環境変数に長いランダムな SECRET_KEY を設定してください"
            "（docs/deploy.md）。",
        ) from None


def application() -> Any:
    """The WSGI application with its static files (collected into STATIC_ROOT) served by WhiteNoise."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from whitenoise import WhiteNoise

    from sasaeai.site.heap import freeze_startup_objects

    require_secret_key()
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    site = WhiteNoise(get_wsgi_application(), root=str(settings.STATIC_ROOT), prefix=settings.STATIC_URL)
    freeze_startup_objects()  # before gunicorn forks its workers
    return site


SERVERS = ("gunicorn", "waitress")


def default_server() -> str:
    """gunicorn (several processes) where it runs, on Linux and other Unix; waitress elsewhere (Windows)."""
    if os.name != "posix":
        return "waitress"
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return "waitress"
    return "gunicorn"


def default_workers() -> int:
    """WEB_CONCURRENCY when set, else two processes a core and one more (gunicorn's advice)."""
    given = os.environ.get("WEB_CONCURRENCY", "").strip()
    if given:
        try:
            workers = int(given)
        except ValueError:
            workers = 0
        if workers < 1:
            raise SasaeaiError(
                f"WEB_CONCURRENCY must be a whole number of processes, 1 or more (it is {given!r}).",
                f"WEB_CONCURRENCY には1以上の整数（プロセス数）を指定してください（現在 {given!r}）。",
            )
        return workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores + 1


def run_server(host: str, port: int, server: str | None = None, workers: int | None = None) -> int:
    """Serve the site until stopped: gunicorn with ``workers`` processes, or waitress (one process, threads)."""
    chosen = server or default_server()
    app = application()
    if chosen == "gunicorn":
        return _run_gunicorn(app, host, port, workers or default_workers())
    import waitress

    print(f"Serving on http://{host}:{port}/ with waitress  (Ctrl+C to stop)", flush=True)
    waitress.serve(app, host=host, port=port, threads=8, ident="sasaeai")
    return 0


def _run_gunicorn(app: Any, host: str, port: int, workers: int) -> int:
    """gunicorn's sync workers, forked from this process once the site and its static files are ready."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    connections.close_all()  # each worker opens its own connection; none may be shared across the fork

    class Site(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "sync",
                "timeout": 120,  # a PDF of a large report takes seconds, never minutes
                "graceful_timeout": 30,
                "preload_app": True,
                "errorlog": "-",
                "proc_name": "sasaeai",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    print(
        f"Serving on http://{host}:{port}/ with gunicorn, {workers} processes  (Ctrl+C to stop)", flush=True
    )
    Site().run()
    return 0
