"""The page of an unexpected error (500): in Japanese, in the site's layout, with the request id for the operator.

Django's own 403 and 404 handlers render ``403.html`` and ``404.html`` with the
request; this one renders ``500.html`` without it, and without the context
processors, since the database they would ask may be what failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

from sasaeai.site.request_id import request_id


def server_error(request: HttpRequest) -> HttpResponse:
    page = loader.get_template("500.html").render({"request_id": request_id(request)})
    return HttpResponseServerError(page)
