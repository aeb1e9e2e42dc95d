from django.apps import AppConfig


class SasaeaiConfig(AppConfig):
    name = "sasaeai.web"
    label = "sasaeai"
    verbose_name = "支えあい"
    default_auto_field = "django.db.models.BigAutoField"
