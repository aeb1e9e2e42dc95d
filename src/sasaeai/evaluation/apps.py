from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "sasaeai.evaluation"
    label = "evaluation"
    verbose_name = "評価"
    default_auto_field = "django.db.models.BigAutoField"
