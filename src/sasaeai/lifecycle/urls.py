from django.urls import path

from . import review_views, views

app_name = "lifecycle"
urlpatterns = [
    path("lifecycle/", review_views.overview, name="overview"),
    path("revisions/", views.revision_list, name="revisions"),
    path("revisions/<int:pk>/", views.revision_detail, name="revision"),
    path("revisions/items/<int:pk>/", views.item_history, name="item_history"),
    path("plans/<int:pk>/in-year/", views.plan_in_year, name="plan_in_year"),
    path("goal-links/", views.goal_links, name="goal_links"),
    path("kpi/", views.kpi_sheet_list, name="kpi_sheets"),
    path("kpi/<int:pk>/", views.kpi_sheet_detail, name="kpi_sheet"),
    path("kpi/<int:pk>/publish/", views.kpi_sheet_publish, name="kpi_sheet_publish"),
    path("kpi/<int:pk>/xlsx/", views.kpi_sheet_xlsx, name="kpi_sheet_xlsx"),
    path("kpi/<int:pk>/pdf/", views.kpi_sheet_pdf, name="kpi_sheet_pdf"),
    path("kpi/items/<int:pk>/edit/", views.kpi_edit, name="kpi_edit"),
    path("follow-ups/", review_views.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:pk>/status/", review_views.follow_up_status, name="follow_up_status"),
    path("comments/<int:comment_pk>/follow-up/", review_views.follow_up_add, name="follow_up_add"),
    path("merges/", review_views.merge_proposals, name="merges"),
    path("merges/decide/", review_views.merge_decide, name="merge_decide"),
    path("lifecycle/upload/", review_views.upload, name="upload"),
    path("findings/", review_views.findings, name="findings"),
]
