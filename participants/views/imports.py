from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.views import get_or_404

from ..forms import ImportUploadForm
from ..importing import (
    participant_import_apply,
    participant_import_preview,
    participant_import_store,
)
from ..models import ParticipantImport
from ..selectors import participant_import_get, participant_import_list
from ..spreadsheets import SpreadsheetError, read_table
from .common import MeetingMixin

PROBLEMS_SHOWN = 200


class ImportUploadView(SecretariatRequiredMixin, MeetingMixin, FormView):
    """Step 1: upload. The rows are kept (in the database) until the user confirms."""

    template_name = "participants/import_upload.html"
    form_class = ImportUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.read())
        except SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        stored = participant_import_store(
            meeting=self.meeting, file_name=upload.name, table=table, by=self.request.user
        )
        return redirect("participants:import_preview", meeting_pk=self.meeting.pk, pk=stored.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            uploads=participant_import_list(meeting=self.meeting),
            retention_days=settings.PARTICIPANT_IMPORT_RETENTION_DAYS,
            **kwargs,
        )


def _purged(request, meeting, stored):
    messages.warning(
        request,
        _(
            "The rows of %(file)s were erased on %(date)s, as files not imported within "
            "%(days)d days are; upload the file again."
        )
        % {
            "file": stored.file_name,
            "date": date_format(localtime(stored.purged_at), "DATE_FORMAT"),
            "days": settings.PARTICIPANT_IMPORT_RETENTION_DAYS,
        },
    )
    return redirect("participants:import_upload", meeting_pk=meeting.pk)


class ImportPreviewView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    """Step 2: what the file would change, and its bad rows; POST writes it, all or nothing."""

    template_name = "participants/import_preview.html"

    def stored(self) -> ParticipantImport:
        return get_or_404(participant_import_get, pk=self.kwargs["pk"], meeting=self.meeting)

    def get(self, request, *args, **kwargs):
        stored = self.stored()
        if stored.is_purged:
            return _purged(request, self.meeting, stored)
        if stored.applied_at:
            messages.info(request, _("This file has been imported already."))
            return redirect("participants:registration_list", meeting_pk=self.meeting.pk)
        preview = participant_import_preview(meeting=self.meeting, table=stored.rows)
        return self.render_to_response(self.get_context_data(stored=stored, preview=preview))

    def post(self, request, *args, **kwargs):
        outcome = get_or_404(
            participant_import_apply, pk=self.kwargs["pk"], meeting=self.meeting, by=request.user
        )
        stored, preview = outcome.stored, outcome.preview
        if outcome.purged:
            return _purged(request, self.meeting, stored)
        if outcome.already_imported:
            messages.info(request, _("This file has been imported already."))
            return redirect("participants:registration_list", meeting_pk=self.meeting.pk)
        if not preview.ok:
            return self.render_to_response(self.get_context_data(stored=stored, preview=preview))
        messages.success(
            request,
            _(
                "Imported %(file)s: %(created)d registrations added, %(updated)d updated, "
                "%(people)d people added to the register."
            )
            % {
                "file": stored.file_name,
                "created": preview.registrations_to_create,
                "updated": preview.registrations_to_update,
                "people": preview.people_to_create,
            },
        )
        return redirect("participants:registration_list", meeting_pk=self.meeting.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = context["preview"].problems
        context.update(
            problems=problems[:PROBLEMS_SHOWN],
            problems_hidden=max(0, len(problems) - PROBLEMS_SHOWN),
        )
        return context
