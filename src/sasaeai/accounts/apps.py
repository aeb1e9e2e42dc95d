from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "sasaeai.accounts"
    label = "accounts"
    verbose_name = "ログインと認証"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin app with the site of :mod:`.admin_site` as ``admin.site``."""

    default = False  # the default of this module is AccountsConfig; this one is named in INSTALLED_APPS
    default_site = "sasaeai.accounts.admin_site.AdminSite"
