"""API routes, under /api/ (URL names: api:…); every other path under /api/ answers a JSON 404."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import figures, tokens, views
from .schema import DESCRIPTION

# The schema's own settings: split request and answer components (answers mark every field they always
# hold as required), and the contract in words.
SCHEMA_SETTINGS = {"COMPONENT_SPLIT_REQUEST": True, "DESCRIPTION": DESCRIPTION}

app_name = "api"
urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path(
        "schema/",
        SpectacularAPIView.as_view(urlconf="sasaeai.site.urls", custom_settings=SCHEMA_SETTINGS),
        name="schema",
    ),
    path("token/", tokens.ObtainToken.as_view(), name="token"),
    path("token/logout/", tokens.RevokeToken.as_view(), name="token-logout"),
    path("token/logout-all/", tokens.RevokeAllTokens.as_view(), name="token-logout-all"),
    path("plans/", views.PlanList.as_view(), name="plan-list"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan-detail"),
    path("plans/<int:pk>/evaluation/", views.PlanEvaluation.as_view(), name="plan-evaluation"),
    path("reports/", views.ReportList.as_view(), name="report-list"),
    path("reports/<int:pk>/", views.ReportDetail.as_view(), name="report-detail"),
    path("reports/<int:pk>/entries/", views.ReportEntries.as_view(), name="report-entries"),
    path("entries/<int:pk>/", figures.EntryDetail.as_view(), name="entry-detail"),
    path("entries/<int:pk>/quantities/", figures.EntryQuantities.as_view(), name="entry-quantities"),
    path("quantities/<int:pk>/", figures.QuantityDetail.as_view(), name="quantity-detail"),
    re_path(r"^[\s\S]*$", views.NotFoundView.as_view(), name="not-found"),  # line breaks too
]
