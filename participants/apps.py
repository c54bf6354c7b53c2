from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from notifications.jobs import due_job_register

        from .passports import passport_details_erase_due

        # Passport details are erased a while after the meeting: a job due at a time.
        due_job_register("participants.passport_erasure", passport_details_erase_due)
