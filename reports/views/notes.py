import base64
import hashlib
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, TemplateView

from accounts.roles import SecretariatRequiredMixin, is_secretariat
from common.confirmation import confirmation_response

from ..access import note_is_public, require_secretariat_unless
from ..chains import chain_members
from ..content import note_content, version_check
from ..forms import NoteForm
from ..models import AmendmentKind, DiscussionNote
from ..selectors import (
    meeting_choices,
    note_chain,
    note_get,
    rendered_document_latest_finished,
    rendered_document_list_for_note,
)
from ..services import (
    NOTE_FIELDS,
    note_amendment_create,
    note_create,
    note_publish,
    note_unpublish,
    note_update,
    rendered_document_request_for_note,
)
from ..versions import LANGUAGE_NAMES_IN_TEXT, note_version, note_versions, version_for_reader
from .languages import language_rows
from .render_messages import announce_render


class NoteMixin:
    """Loads the note named in the URL, and the language version the URL names (the
    original if none); drafts are for the secretariat only."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.note = note_get(slug=kwargs["slug"])
        except DiscussionNote.DoesNotExist as exc:
            raise Http404 from exc
        denied = require_secretariat_unless(request, note_is_public(self.note))
        if denied is not None:
            return denied
        self.version = note_version(self.note, kwargs.get("language"))
        if self.version is None:
            raise Http404(_("This note has no version in that language yet."))
        return super().dispatch(request, *args, **kwargs)


AMENDMENT_ACTIONS = [
    (AmendmentKind.REVISION, gettext_lazy("New revision")),
    (AmendmentKind.CORRIGENDUM, gettext_lazy("New corrigendum")),
    (AmendmentKind.ADDENDUM, gettext_lazy("New addendum")),
]


class NoteDetailView(NoteMixin, TemplateView):
    template_name = "reports/note_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = is_secretariat(self.request.user)
        renders = list(rendered_document_list_for_note(note=self.note))
        languages = language_rows(self.note, renders, staff=staff)
        visible = {row.code for row in languages if row.version}
        finished = [r for r in renders if r.status == r.Status.DONE and r.language in visible]
        reader = version_for_reader(
            self.note, language=self.request.LANGUAGE_CODE, may_see_drafts=staff
        )
        chain = chain_members(note_chain(note=self.note, include_drafts=staff))
        context["note"] = self.note
        context["chain"] = chain if len(chain) > 1 else []
        context["superseded_by"] = next(
            (member.superseded_by for member in chain if member.note.pk == self.note.pk), None
        )
        context["reader_version"] = reader
        context["original_in_text"] = LANGUAGE_NAMES_IN_TEXT[self.note.original_language]
        context["language_versions"] = languages
        context["versions"] = finished
        context["latest"] = next((r for r in finished if r.language == reader.language), None)
        if staff:
            context["renders"] = renders
            context["active_render"] = renders[0] if renders else None
            context["amendment_actions"] = [] if self.note.base_id else AMENDMENT_ACTIONS
        return context


class NoteFormView(SecretariatRequiredMixin, FormView):
    form_class = NoteForm
    template_name = "reports/note_form.html"
    note = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["note"] = self.note
        context["meetings"] = meeting_choices()
        return context

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in NOTE_FIELDS}
        try:
            if self.note is None:
                note = note_create(by=self.request.user, **fields)
            else:
                note = note_update(note=self.note, by=self.request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The note %(symbol)s is saved.") % {"symbol": note})
        if "preview" in self.request.POST:
            return redirect("reports:note_preview", slug=note.slug)
        return redirect(note)


class NoteCreateView(NoteFormView):
    pass


class NoteUpdateView(NoteMixin, NoteFormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.note}


class NotePreviewView(SecretariatRequiredMixin, NoteMixin, TemplateView):
    """The page around the preview: problems with markers, and the way to the PDF."""

    template_name = "reports/note_preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        check = version_check(self.version)
        context["note"] = self.note
        context["version"] = self.version
        context["versions"] = note_versions(self.note)
        context["problems"] = check.problems
        context["fallbacks"] = check.fallbacks
        return context


@method_decorator(xframe_options_sameorigin, name="dispatch")
class NotePreviewDocumentView(SecretariatRequiredMixin, NoteMixin, View):
    """The very HTML the PDF is printed from, shown in the preview's frame."""

    def get(self, request, *args, **kwargs):
        html = note_content(self.note, self.version.language, preview=True).html
        response = HttpResponse(html)
        # The print HTML carries its stylesheet inline (WeasyPrint reads one file): the
        # Content-Security-Policy allows exactly that block, by its hash, and no script.
        response._csp_update = {"style-src": style_block_hashes(html)}
        return response


STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def style_block_hashes(html: str) -> list[str]:
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in STYLE_BLOCK.findall(html)
    ]


class NoteGenerateView(SecretariatRequiredMixin, NoteMixin, View):
    def post(self, request, *args, **kwargs):
        language = self.version.language
        try:
            document = rendered_document_request_for_note(
                note=self.note, by=request.user, language=language
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
            if self.version.is_original:
                return redirect("reports:note_preview", slug=self.note.slug)
            return redirect("reports:note_version_preview", slug=self.note.slug, language=language)
        announce_render(
            request, document, unchanged=_("Nothing changed since the last PDF: it is ready.")
        )
        return redirect(self.note)


class NotePublishView(SecretariatRequiredMixin, NoteMixin, View):
    """GET: what publishing does, and the confirmation; POST publishes (or, action=unpublish,
    takes the note back to draft at once: that makes nothing public)."""

    def get(self, request, *args, **kwargs):
        note = self.note
        if note.is_published:
            return redirect(note)
        latest = rendered_document_latest_finished(note=note)
        consequences = [
            _("Anyone, without logging in, can read %(symbol)s and find it in the documents.")
            % {"symbol": note.symbol},
            _("The newest PDF (%(name)s, %(pages)s pages) becomes the public download.")
            % {"name": latest.file_name, "pages": latest.page_count}
            if latest
            else _("No PDF has been made yet: the public gets none until you generate one."),
            _("Copies already downloaded cannot be taken back if you return it to draft."),
        ]
        return confirmation_response(
            request,
            title=_("Publish %(symbol)s") % {"symbol": note.symbol},
            consequences=consequences,
            action_url=reverse("reports:note_publish", args=[note.slug]),
            confirm_label=_("Publish the note"),
            cancel_url=note.get_absolute_url(),
            fields={"action": "publish"},
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "unpublish":
            note_unpublish(note=self.note, by=request.user)
            messages.success(request, _("The note is a draft again; the public no longer sees it."))
            return redirect(self.note)
        try:
            note_publish(note=self.note, by=request.user)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _("The note is published."))
        return redirect(self.note)


class NoteAmendView(SecretariatRequiredMixin, NoteMixin, View):
    """Starts a draft revision, corrigendum or addendum of the note under its next symbol."""

    def post(self, request, *args, **kwargs):
        try:
            note = note_amendment_create(
                base=self.note, kind=request.POST.get("kind", ""), by=request.user
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
            return redirect(self.note)
        messages.success(
            request,
            _("%(symbol)s is started as a draft: write it, then publish it.")
            % {"symbol": note.symbol},
        )
        return redirect("reports:note_update", slug=note.slug)
