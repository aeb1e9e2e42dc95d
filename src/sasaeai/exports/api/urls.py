"""API routes, under /api/ (URL names: exports:api-…)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token

from . import views

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="api-root"),
    path("schema/", SpectacularAPIView.as_view(urlconf="sasaeai.web.urls"), name="api-schema"),
    path("token/", obtain_auth_token, name="api-token"),
    path("plans/", views.PlanList.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="api-plan-detail"),
    path("plans/<int:pk>/evaluation/", views.PlanEvaluation.as_view(), name="api-plan-evaluation"),
    path("reports/", views.ReportList.as_view(), name="api-report-list"),
    path("reports/<int:pk>/", views.ReportDetail.as_view(), name="api-report-detail"),
    path("quantities/<int:pk>/", views.QuantityDetail.as_view(), name="api-quantity-detail"),
    path("entries/<int:pk>/quantities/", views.EntryQuantities.as_view(), name="api-entry-quantities"),
]
