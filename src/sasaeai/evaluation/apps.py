from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EvaluationConfig(AppConfig):
    name = "sasaeai.evaluation"
    label = "evaluation"
    verbose_name = "評価"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_store_missing_evaluations, sender=self)


def _store_missing_evaluations(using: str, **kwargs: Any) -> None:
    """After `migrate`: plans of a database from before stored evaluations get theirs (none: one query)."""
    from .services.stored import store_missing

    store_missing()
