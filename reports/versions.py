"""A note's language versions: the original (held on DiscussionNote) and its translations.

Everything that prints, previews or offers a version goes through NoteVersion,
so the original and a translation are read the same way.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import pgettext_lazy

from .models import DiscussionNote, NoteTranslation

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

# Language names inside a sentence ("Original: English", "the version in French"):
# lowercase in French and Spanish ("Original : anglais", "Original: inglés"), unlike
# the capitalized names of the language menu (settings.LANGUAGES).
LANGUAGE_NAMES_IN_TEXT = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
}


def language_name(code: str) -> str:
    """As the language menu names it: English, Français, Español."""
    return str(dict(settings.LANGUAGES)[code])


@dataclass(frozen=True)
class NoteVersion:
    note: DiscussionNote
    language: str
    series_title: str
    place: str
    title: str
    subtitle: str
    body: str
    status: str
    translation: NoteTranslation | None = None

    @property
    def is_original(self) -> bool:
        return self.translation is None

    @property
    def is_published(self) -> bool:
        return self.status == NoteTranslation.Status.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Public only when the note is published and so is this version."""
        return self.note.is_published and self.is_published

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def file_name(self) -> str:
        return self.note.file_name_for(self.language)

    @property
    def status_label(self) -> str:
        if self.is_original:
            return str(self.note.get_status_display())
        return str(self.translation.get_status_display())


def languages_original_first(note: DiscussionNote) -> list[str]:
    others = [code for code in LANGUAGE_CODES if code != note.original_language]
    return [note.original_language, *others]


def original_version(note: DiscussionNote) -> NoteVersion:
    return NoteVersion(
        note=note,
        language=note.original_language,
        series_title=note.series_title,
        place=note.place,
        title=note.title,
        subtitle=note.subtitle,
        body=note.body,
        status=note.status,
    )


def translation_version(translation: NoteTranslation) -> NoteVersion:
    note = translation.note
    return NoteVersion(
        note=note,
        language=translation.language,
        series_title=translation.series_title,
        place=translation.place or note.place,
        title=translation.title,
        subtitle=translation.subtitle,
        body=translation.body,
        status=translation.status,
        translation=translation,
    )


def note_versions(note: DiscussionNote) -> list[NoteVersion]:
    """The original first, then the translations in the order of settings.LANGUAGES.

    Reads note.translations.all(), so a prefetch serves it without a query.
    """
    translations = {t.language: t for t in note.translations.all()}
    versions = [original_version(note)]
    for code in LANGUAGE_CODES:
        if code != note.original_language and code in translations:
            versions.append(translation_version(translations[code]))
    return versions


def note_version(note: DiscussionNote, language: str | None = None) -> NoteVersion | None:
    """The version in that language (the original if None); None if not written yet."""
    if language is None or language == note.original_language:
        return original_version(note)
    translation = next((t for t in note.translations.all() if t.language == language), None)
    return translation_version(translation) if translation else None


def version_for_reader(note: DiscussionNote, *, language: str, may_see_drafts: bool) -> NoteVersion:
    """The reader's interface language if that version may be shown to them, else the original."""
    version = note_version(note, language)
    if version is not None and (version.is_public or may_see_drafts):
        return version
    return original_version(note)


@dataclass(frozen=True)
class Download:
    language: str
    name: str
    url: str
    render: object


def library_downloads(note: DiscussionNote) -> list[Download]:
    """The newest PDF of each language version in note.finished_renders (newest first,
    already only those this reader may see: see note_list_for_library), original first."""
    downloads = []
    for language in languages_original_first(note):
        latest = next((r for r in note.finished_renders if r.language == language), None)
        if latest is not None:
            # This very file (its name says the language): the link stays true if the
            # version is re-rendered later, as the library always linked.
            url = latest.get_download_url()
            downloads.append(Download(language, language_name(language), url, render=latest))
    return downloads
