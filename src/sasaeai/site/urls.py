"""The site's URLs: the pages, the outputs, the plan's life cycle, the plan editor, the REST API, login and the admin site.

403 and 404 are Django's handlers with the site's templates (front/templates/403.html, 404.html);
the 500 page has its own handler, which needs no database.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("sasaeai.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("sasaeai.api.urls")),
    path("", include("sasaeai.front.urls")),
    path("", include("sasaeai.exports.urls")),
    path("", include("sasaeai.lifecycle.urls")),
    path("", include("sasaeai.plans.urls")),
]

handler500 = "sasaeai.front.views.errors.server_error"
