"""API routes, under /api/ (URL names: api:…)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import tokens, views

app_name = "api"
urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(urlconf="sasaeai.site.urls"), name="schema"),
    path("token/", tokens.ObtainToken.as_view(), name="token"),
    path("token/logout/", tokens.RevokeToken.as_view(), name="token-logout"),
    path("token/logout-all/", tokens.RevokeAllTokens.as_view(), name="token-logout-all"),
    path("plans/", views.PlanList.as_view(), name="plan-list"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan-detail"),
    path("plans/<int:pk>/evaluation/", views.PlanEvaluation.as_view(), name="plan-evaluation"),
    path("reports/", views.ReportList.as_view(), name="report-list"),
    path("reports/<int:pk>/", views.ReportDetail.as_view(), name="report-detail"),
    path("quantities/<int:pk>/", views.QuantityDetail.as_view(), name="quantity-detail"),
    path("entries/<int:pk>/quantities/", views.EntryQuantities.as_view(), name="entry-quantities"),
]
