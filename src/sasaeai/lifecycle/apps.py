from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    name = "sasaeai.lifecycle"
    label = "lifecycle"
    verbose_name = "計画の見直し"
    default_auto_field = "django.db.models.BigAutoField"
