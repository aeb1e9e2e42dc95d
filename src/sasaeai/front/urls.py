"""The pages: plans, indicators, reports, entries, upload and the approval queue."""

from django.urls import path

from . import views
from .views.grid import department_grid
from .views.grid_files import department_template_download, department_upload
from .views.periods import period_open

urlpatterns = [
    path("", views.overview, name="overview"),
    path("plans/<int:pk>/", views.plan_tree, name="plan_tree"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("plans/<int:pk>/evaluation-texts/", views.evaluation_texts, name="evaluation_texts"),
    path(
        "plans/<int:pk>/evaluation-texts/<int:year>/", views.evaluation_text_save, name="evaluation_text_save"
    ),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("parts/<int:pk>/submit/", views.submit, name="part_submit"),
    path("parts/<int:pk>/approve/", views.approve, name="part_approve"),
    path("parts/<int:pk>/return/", views.return_part, name="part_return"),
    path("reports/<int:pk>/publish/", views.publish, name="report_publish"),
    path("reports/<int:pk>/reopen/", views.reopen, name="report_reopen"),
    path("entries/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("upload/", views.upload, name="upload"),
    path("queue/", views.approval_queue, name="approval_queue"),
    path("doctor/", views.doctor, name="doctor"),
    path("doctor/mend/", views.mend, name="doctor_mend"),
    path("reports/<int:pk>/delete/", views.delete_report, name="report_delete"),
    path("board/", views.status_board, name="status_board"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/settings/", views.notice_settings, name="notice_settings"),
    path("projects/", views.project_list, name="project_list"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("periods/open/", period_open, name="period_open"),
    path("reports/<int:pk>/departments/<int:department>/", department_grid, name="department_grid"),
    path(
        "reports/<int:pk>/departments/<int:department>/template.xlsx",
        department_template_download,
        name="department_template",
    ),
    path(
        "reports/<int:pk>/departments/<int:department>/upload/", department_upload, name="department_upload"
    ),
]
