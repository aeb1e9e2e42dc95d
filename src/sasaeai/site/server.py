"""The site on a real WSGI server: waitress, with static files served by WhiteNoise."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def application() -> Any:
    """The WSGI application with its static files (collected into STATIC_ROOT) served by WhiteNoise."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from whitenoise import WhiteNoise

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    return WhiteNoise(get_wsgi_application(), root=str(settings.STATIC_ROOT), prefix=settings.STATIC_URL)


def run_server(host: str, port: int) -> int:
    import waitress

    print(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    waitress.serve(application(), host=host, port=port, threads=8, ident="sasaeai")
    return 0
