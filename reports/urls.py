from django.conf import settings
from django.urls import path, register_converter

from .views import badges, docx, files, languages, library, notes, visas


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
    path(
        "meetings/<int:meeting_pk>/visa-requests/",
        visas.VisaRequestListView.as_view(),
        name="visa_requests",
    ),
    path(
        "visa-requests/<int:pk>/decision/",
        visas.VisaRequestDecisionView.as_view(),
        name="visa_request_decision",
    ),
    path(
        "visa-letters/<str:token>/",
        visas.VisaLetterDownloadView.as_view(),
        name="visa_letter_download",
    ),
    path("meetings/<int:meeting_pk>/badges/", badges.BadgeListView.as_view(), name="badges"),
    path(
        "meetings/<int:meeting_pk>/badges/generate/",
        badges.BadgeSheetGenerateView.as_view(),
        name="badge_sheet_generate",
    ),
    path(
        "registrations/<int:pk>/badge/",
        badges.BadgeGenerateView.as_view(),
        name="badge_generate",
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
