from django.conf import settings
from django.urls import path, register_converter

from .views import docx, files, languages, library, notes


class LanguageConverter:
    """A language the portal publishes in: en, fr, es."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LanguageConverter, "lang")

app_name = "reports"

urlpatterns = [
    path("", library.LibraryView.as_view(), name="library"),
    path("new/", notes.NoteCreateView.as_view(), name="note_create"),
    path("files/<int:pk>/<str:file_name>", files.DownloadView.as_view(), name="download"),
    path("renders/<int:pk>/status/", files.RenderStatusView.as_view(), name="render_status"),
    path("renders/<int:pk>/retry/", files.RenderRetryView.as_view(), name="render_retry"),
    path(
        "renders/<int:pk>/publish/",
        files.ParticipantListPublishView.as_view(),
        name="participant_list_publish",
    ),
    path(
        "meetings/<int:meeting_pk>/participants/",
        files.ParticipantListGenerateView.as_view(),
        name="participant_list_generate",
    ),
    path("<str:slug>/", notes.NoteDetailView.as_view(), name="note_detail"),
    path("<str:slug>/edit/", notes.NoteUpdateView.as_view(), name="note_update"),
    path("<str:slug>/preview/", notes.NotePreviewView.as_view(), name="note_preview"),
    path(
        "<str:slug>/preview/document/",
        notes.NotePreviewDocumentView.as_view(),
        name="note_preview_document",
    ),
    path("<str:slug>/generate/", notes.NoteGenerateView.as_view(), name="note_generate"),
    path("<str:slug>/publish/", notes.NotePublishView.as_view(), name="note_publish"),
    path("<str:slug>/import/", docx.NoteImportView.as_view(), name="note_import"),
    path("<str:slug>/amend/", notes.NoteAmendView.as_view(), name="note_amend"),
    path("<str:slug>/pdf/", files.LatestDownloadView.as_view(), name="note_pdf"),
    # One language version: its PDF, and the secretariat's editing, preview and render.
    path(
        "<str:slug>/<lang:language>/pdf/",
        files.VersionDownloadView.as_view(),
        name="note_version_pdf",
    ),
    path(
        "<str:slug>/<lang:language>/edit/",
        languages.NoteTranslationView.as_view(),
        name="note_translation_edit",
    ),
    path(
        "<str:slug>/<lang:language>/preview/",
        notes.NotePreviewView.as_view(),
        name="note_version_preview",
    ),
    path(
        "<str:slug>/<lang:language>/preview/document/",
        notes.NotePreviewDocumentView.as_view(),
        name="note_version_preview_document",
    ),
    path(
        "<str:slug>/<lang:language>/generate/",
        notes.NoteGenerateView.as_view(),
        name="note_version_generate",
    ),
]
