from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sasaeai.accounts"
    label = "accounts"
    verbose_name = "ログインと認証"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
