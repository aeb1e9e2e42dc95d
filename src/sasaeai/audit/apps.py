from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sasaeai.audit"
    label = "audit"
    verbose_name = "変更履歴"
    default_auto_field = "django.db.models.BigAutoField"
