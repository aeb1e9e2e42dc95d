"""The plan editor, the plan upload, the plan's change history and the template workbook."""

from django.urls import path

from .views import editor, nodes, upload

app_name = "plans"
urlpatterns = [
    path("plans/manage/", editor.manage, name="manage"),
    path("plans/new/", editor.plan_create, name="create"),
    path("plans/upload/", upload.upload, name="upload"),
    path("plans/template.xlsx", editor.template_workbook, name="template"),
    path("plans/<int:pk>/edit/", editor.editor, name="editor"),
    path("plans/<int:pk>/edit/plan/", editor.plan_settings, name="settings"),
    path("plans/<int:pk>/edit/goals/add/", nodes.add_goal, name="add_goal"),
    path("plans/<int:pk>/history/", editor.history, name="history"),
    path("plans/<int:pk>/plan.xlsx", editor.filled_workbook, name="workbook"),
    path("plan-edit/<str:key>/<int:pk>/", nodes.edit, name="node_edit"),
    path("plan-edit/<str:key>/<int:pk>/delete/", nodes.delete, name="node_delete"),
    path("plan-edit/<str:key>/<int:pk>/move/", nodes.move, name="node_move"),
    path("plan-edit/<str:key>/<int:pk>/add/<str:child>/", nodes.add_child, name="node_add"),
]
