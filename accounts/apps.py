from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_secretariat_permissions(sender, **kwargs):
    from .services import secretariat_group_get_or_create, secretariat_group_permissions_sync

    # Runs after every app's migrations (the permissions of later apps are created
    # as their turn comes), so models added later reach the group too.
    secretariat_group_permissions_sync(group=secretariat_group_get_or_create())


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("User accounts")

    def ready(self):
        post_migrate.connect(_sync_secretariat_permissions)
        from . import signals  # noqa: F401  (connects the sign-in receivers)
