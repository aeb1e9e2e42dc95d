"""The Django site: settings, URLs and the WSGI application (the apps live beside it)."""
