from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "sasaeai.evaluation"
    label = "evaluation"
    verbose_name = "評価"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
