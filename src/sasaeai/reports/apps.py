from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sasaeai.reports"
    label = "reports"
    verbose_name = "事業報告"
    default_auto_field = "django.db.models.BigAutoField"
