"""Drafting in Word: upload a .docx, review the Markdown it becomes, then save it as the body."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.views import add_service_errors

from ..docx_import import docx_to_markdown
from ..forms import DocxReviewForm, DocxUploadForm
from ..markup import body_to_html
from ..note_limits import body_limit_problems
from ..services import note_update
from .notes import NoteMixin


class NoteImportView(SecretariatRequiredMixin, NoteMixin, TemplateView):
    """GET: the upload form. POST with a file: the converted body to review (nothing is
    saved). POST step=confirm: the reviewed body replaces the note's."""

    template_name = "reports/note_import.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["note"] = self.note
        context.setdefault("upload_form", DocxUploadForm())
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("step") == "confirm":
            return self._confirm(request)
        upload = DocxUploadForm(request.POST, request.FILES)
        if not upload.is_valid():
            return self.render_to_response(self.get_context_data(upload_form=upload))
        try:
            converted = docx_to_markdown(upload.cleaned_data["file"])
        except ValidationError as error:
            upload.add_error("file", error)
            return self.render_to_response(self.get_context_data(upload_form=upload))
        review = DocxReviewForm(initial={"body": converted.markdown})
        return self._review(review, converted.markdown, warnings=converted.warnings)

    def _confirm(self, request):
        review = DocxReviewForm(request.POST)
        if review.is_valid():
            body = review.cleaned_data["body"]
            try:
                note_update(note=self.note, by=request.user, body=body)
            except ValidationError as error:
                add_service_errors(review, error)
            else:
                messages.success(
                    request,
                    _("The body of %(symbol)s now holds the Word draft.")
                    % {"symbol": self.note.symbol},
                )
                return redirect("reports:note_preview", slug=self.note.slug)
        return self._review(review, request.POST.get("body", ""), warnings=[])

    def _review(self, review: DocxReviewForm, markdown: str, *, warnings: list[str]):
        problems = body_limit_problems(markdown)
        return self.render_to_response(
            self.get_context_data(
                review_form=review,
                warnings=warnings,
                problems=problems,
                # Past the bounds, the text is not converted (see note_limits).
                body_html="" if problems else body_to_html(markdown),
            )
        )
