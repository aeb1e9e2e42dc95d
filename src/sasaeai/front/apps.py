from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "sasaeai.front"
    label = "front"
    verbose_name = "画面"
    default_auto_field = "django.db.models.BigAutoField"
