from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "sasaeai.notices"
    label = "notices"
    verbose_name = "通知"
    default_auto_field = "django.db.models.BigAutoField"
