from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sasaeai.plans"
    label = "plans"
    verbose_name = "計画"
    default_auto_field = "django.db.models.BigAutoField"
