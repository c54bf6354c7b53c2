from django.contrib import messages
from django.shortcuts import redirect
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
from ..selectors import participant_import_get
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


class ImportPreviewView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    """Step 2: what the file would change, and its bad rows; POST writes it, all or nothing."""

    template_name = "participants/import_preview.html"

    def stored(self) -> ParticipantImport:
        return get_or_404(participant_import_get, pk=self.kwargs["pk"], meeting=self.meeting)

    def get(self, request, *args, **kwargs):
        stored = self.stored()
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
