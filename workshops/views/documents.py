"""Meeting documents: the secretariat uploads; downloads check who may see them."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import is_secretariat
from common.views import add_service_errors, get_or_404

from .. import services
from ..forms import DocumentVersionForm, MeetingDocumentEditForm, MeetingDocumentForm
from ..models import MeetingDocument, MeetingDocumentVersion
from ..selectors import meeting_document_get, meeting_document_version_get
from .common import StaffFormView, get_meeting_or_404


def get_document_or_404(pk: int) -> MeetingDocument:
    return get_or_404(meeting_document_get, _("No such document."), pk=pk)


class DocumentCreateView(StaffFormView):
    form_class = MeetingDocumentForm
    heading = gettext_lazy("Add a document")
    submit_label = gettext_lazy("Upload")

    def load(self, **kwargs):
        self.meeting = get_meeting_or_404(kwargs["pk"])

    def get_back_url(self):
        return self.meeting.get_absolute_url()

    def form_valid(self, form):
        try:
            services.meeting_document_create(
                meeting=self.meeting, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The document is uploaded."))
        return redirect(f"{self.meeting.get_absolute_url()}#documents")


class DocumentUpdateView(StaffFormView):
    form_class = MeetingDocumentEditForm
    heading = gettext_lazy("Edit the document")

    def load(self, **kwargs):
        self.document = get_document_or_404(kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": get_document_or_404(self.document.pk)}

    def get_back_url(self):
        return self.document.meeting.get_absolute_url()

    def form_valid(self, form):
        try:
            services.meeting_document_update(document=self.document, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The document is saved."))
        return redirect(f"{self.get_back_url()}#documents")


class DocumentVersionCreateView(StaffFormView):
    form_class = DocumentVersionForm
    submit_label = gettext_lazy("Upload")

    def load(self, **kwargs):
        self.document = get_document_or_404(kwargs["pk"])

    @property
    def heading(self):
        return _("New version of “%(title)s”") % {"title": self.document.title}

    def get_back_url(self):
        return self.document.meeting.get_absolute_url()

    def form_valid(self, form):
        try:
            version = services.meeting_document_version_add(
                document=self.document, by=self.request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(number)s is uploaded; earlier versions are kept.")
            % {"number": version.number},
        )
        return redirect(f"{self.get_back_url()}#documents")


class DocumentDownloadMixin(AccessMixin):
    """Streams a stored file after checking visibility: never a public media URL."""

    def respond(self, document: MeetingDocument, version: MeetingDocumentVersion | None):
        if not (document.is_public or is_secretariat(self.request.user)):
            return self.handle_no_permission()
        if version is None:
            raise Http404(_("This document has no file yet."))
        name = slugify(document.title)[:80] or "document"
        if version.number > 1:
            name = f"{name}-v{version.number}"
        return FileResponse(
            version.file.open("rb"),
            as_attachment=True,
            filename=f"{name}{version.extension}",
            content_type=version.content_type,
        )


class DocumentDownloadView(DocumentDownloadMixin, View):
    """The current (newest) version of a document."""

    def get(self, request, pk):
        document = get_document_or_404(pk)
        return self.respond(document, document.current_version)


class DocumentVersionDownloadView(DocumentDownloadMixin, View):
    """One given version, earlier ones included."""

    def get(self, request, pk):
        version = get_or_404(meeting_document_version_get, pk=pk)
        return self.respond(version.document, version)
