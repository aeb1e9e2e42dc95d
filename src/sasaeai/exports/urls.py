"""Outputs: report files, the indicator sheet and open data."""

from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("reports/<int:pk>/download.<str:fmt>", views.report_download, name="report_download"),
    path("plans/<int:pk>/indicator-sheet/", views.indicator_sheet_page, name="indicator_sheet"),
    path(
        "plans/<int:pk>/indicator-sheet.<str:fmt>",
        views.indicator_sheet_download,
        name="indicator_sheet_download",
    ),
    path("opendata/", views.opendata_page, name="opendata"),
    path("opendata/<slug:name>.<str:fmt>", views.opendata_file, name="opendata_file"),
]
