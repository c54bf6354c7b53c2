from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from accounts.emails import account_email_transport_set

        from .services import account_email_queue

        # Invitations and password resets go through the outbox like every e-mail.
        account_email_transport_set(account_email_queue)
