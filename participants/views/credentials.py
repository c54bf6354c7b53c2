"""Delegations' credentials: focal points upload, the secretariat verifies or asks
again, and each file is served only to its state's focal points and the secretariat."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import (
    FocalPointRequiredMixin,
    SecretariatRequiredMixin,
    focal_point_state,
    is_secretariat,
)
from common.views import get_or_404

from ..credentials import credentials_request_new, credentials_upload, credentials_verify
from ..forms import CredentialsRequestForm, CredentialsUploadForm
from ..selectors import credentials_document_get, credentials_get, credentials_report
from .common import MeetingMixin


class CredentialsUploadView(FocalPointRequiredMixin, MeetingMixin, View):
    """A focal point's upload, for their own state only (the URL names no state)."""

    def post(self, request, meeting_pk):
        back = reverse("participants:delegation", args=[self.meeting.pk]) + "#credentials"
        form = CredentialsUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose the PDF file to upload."))
            return redirect(back)
        try:
            credentials_upload(
                meeting=self.meeting,
                member_state=self.member_state,
                file=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The credentials are uploaded; the secretariat will verify them.")
            )
        return redirect(back)


class CredentialsDocumentView(LoginRequiredMixin, View):
    """One uploaded file: to the state's focal points and the secretariat; nobody else
    learns that it exists (404), and no public media URL leads to it."""

    def get(self, request, pk):
        document = get_or_404(credentials_document_get, pk=pk)
        credentials = document.credentials
        state = focal_point_state(request.user)
        if not (
            is_secretariat(request.user)
            or (state is not None and state.pk == credentials.member_state_id)
        ):
            raise Http404
        name = slugify(f"credentials {credentials.member_state.name} {credentials.meeting.title}")[
            :80
        ]
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=f"{name}-{document.uploaded_at:%Y%m%d-%H%M}.pdf",
            content_type="application/pdf",
        )


class CredentialsReportView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    """Per state with a delegation: its size, head of delegation and credentials."""

    template_name = "participants/credentials_report.html"

    def get_context_data(self, **kwargs):
        rows = credentials_report(meeting=self.meeting)
        return super().get_context_data(
            rows=rows,
            request_form=CredentialsRequestForm(),
            verified=sum(row.status == "verified" for row in rows),
            **kwargs,
        )


class CredentialsDecisionView(SecretariatRequiredMixin, View):
    """POST decision=verify, or decision=request_new with a reason; `document` names
    the document the secretariat looked at."""

    def post(self, request, pk):
        credentials = get_or_404(credentials_get, pk=pk)
        state = credentials.member_state.display_name
        document_id = request.POST.get("document", "")
        try:
            if request.POST.get("decision") == "verify":
                credentials_verify(
                    credentials=credentials, document_id=document_id, by=request.user
                )
                messages.success(
                    request, _("The credentials of %(state)s are verified.") % {"state": state}
                )
            else:
                form = CredentialsRequestForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Say why a new document is needed."))
                credentials_request_new(
                    credentials=credentials,
                    document_id=document_id,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("A new document is requested from %(state)s; its focal points are told.")
                    % {"state": state},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("participants:credentials_report", meeting_pk=credentials.meeting_id)
