from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "themes"
    verbose_name = _("Theme consultations")

    def ready(self):
        from notifications.jobs import due_job_register

        from .notices import consultation_notices_due

        # Opening notices and reminders are due at a time: beat or cron run them.
        due_job_register("themes.consultation_notices", consultation_notices_due)
