from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "sasaeai.exports"
    label = "exports"
    verbose_name = "出力"
    default_auto_field = "django.db.models.BigAutoField"
