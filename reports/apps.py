import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Documents")

    def ready(self):
        # WeasyPrint reports every layout step at INFO, from its import on;
        # a worker's log needs only its warnings.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

        from notifications.jobs import due_job_register

        from .services import visa_letter_files_erase

        # Letters hold passport details: they go once the request's details are erased.
        due_job_register("reports.visa_letter_files", visa_letter_files_erase)
