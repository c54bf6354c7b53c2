"""A note's language versions as its page lists them, and the secretariat's translation form."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.roles import SecretariatRequiredMixin
from common.views import LoadAfterRoleCheckMixin, get_or_404

from ..forms import NoteTranslationForm
from ..models import DiscussionNote, RenderedDocument
from ..selectors import note_get
from ..services import TRANSLATION_FIELDS, note_translation_save
from ..versions import (
    LANGUAGE_NAMES_IN_TEXT,
    NoteVersion,
    language_name,
    languages_original_first,
    note_version,
)


@dataclass
class LanguageRow:
    code: str
    name: str
    version: NoteVersion | None  # None: not written yet, or not for this reader's eyes
    latest: RenderedDocument | None


def language_rows(note: DiscussionNote, renders, *, staff: bool) -> list[LanguageRow]:
    """Every language, the original first: its version and newest PDF, as this reader may see
    them (the public: published versions of a published note only)."""
    rows = []
    for code in languages_original_first(note):
        version = note_version(note, code)
        if version is not None and not (staff or version.is_public):
            version = None
        latest = next(
            (r for r in renders if r.language == code and r.status == r.Status.DONE), None
        )
        if not staff and version is None:
            continue
        name = language_name(code)
        rows.append(LanguageRow(code=code, name=name, version=version, latest=latest))
    return rows


class NoteTranslationView(SecretariatRequiredMixin, LoadAfterRoleCheckMixin, FormView):
    """Writes a language version other than the original: title, subtitle, body, status."""

    form_class = NoteTranslationForm
    template_name = "reports/note_translation_form.html"

    def load(self, *, slug, language, **kwargs):
        # After the role check: nobody else learns which symbols exist as drafts.
        self.note = get_or_404(note_get, slug=slug)
        self.language = language
        self.version = note_version(self.note, language)

    def get(self, request, *args, **kwargs):
        if self.language == self.note.original_language:
            return redirect("reports:note_update", slug=self.note.slug)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.language == self.note.original_language:
            return redirect("reports:note_update", slug=self.note.slug)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.version is not None:
            kwargs["instance"] = self.version.translation
        else:
            # A new version starts from the original's text (and keeps its markers).
            note = self.note
            kwargs["initial"] = {
                "series_title": note.series_title,
                "title": note.title,
                "subtitle": note.subtitle,
                "body": note.body,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["note"] = self.note
        context["language_name"] = language_name(self.language)
        context["language_in_text"] = LANGUAGE_NAMES_IN_TEXT[self.language]
        context["original_in_text"] = LANGUAGE_NAMES_IN_TEXT[self.note.original_language]
        context["language"] = self.language
        return context

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in TRANSLATION_FIELDS}
        try:
            note_translation_save(
                note=self.note, language=self.language, by=self.request.user, **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(symbol)s: the version in %(language)s is saved.")
            % {"symbol": self.note.symbol, "language": LANGUAGE_NAMES_IN_TEXT[self.language]},
        )
        if "preview" in self.request.POST:
            return redirect(
                "reports:note_version_preview", slug=self.note.slug, language=self.language
            )
        return redirect(self.note)
