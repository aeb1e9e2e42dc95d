"""The WSGI application for servers other than ``sasaeai serve`` (which adds WhiteNoise for static files)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sasaeai.site.settings")
application = get_wsgi_application()

from sasaeai.site.heap import freeze_startup_objects  # noqa: E402
from sasaeai.site.server import require_secret_key  # noqa: E402 (needs the settings loaded above)

require_secret_key()
freeze_startup_objects()
