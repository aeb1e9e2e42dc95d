"""The site on a real WSGI server: waitress, with static files served by WhiteNoise."""

from __future__ import annotations

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

    require_secret_key()
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    return WhiteNoise(get_wsgi_application(), root=str(settings.STATIC_ROOT), prefix=settings.STATIC_URL)


def run_server(host: str, port: int) -> int:
    import waitress

    app = application()
    print(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    waitress.serve(app, host=host, port=port, threads=8, ident="sasaeai")
    return 0
