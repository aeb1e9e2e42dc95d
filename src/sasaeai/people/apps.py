from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sasaeai.people"
    label = "people"
    verbose_name = "組織と利用者"
    default_auto_field = "django.db.models.BigAutoField"
