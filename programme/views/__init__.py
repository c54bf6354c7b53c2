"""Views of the programme app: meeting pages, agendas, speaker and case-study suggestions."""

from .agenda import (
    AgendaCalendarView,
    AgendaEditView,
    AgendaPrintView,
    AgendaPublishView,
    SessionCreateView,
    SessionDeleteView,
    SessionUpdateView,
)
from .pages import HomeView, MeetingDetailView
from .suggestions import (
    StateSuggestionListView,
    SuggestionCreateView,
    SuggestionReviewListView,
    SuggestionReviewView,
    SuggestionWithdrawView,
)
from .translations import ContentExportView, ContentTranslationsView

__all__ = [
    "AgendaCalendarView",
    "AgendaEditView",
    "AgendaPrintView",
    "AgendaPublishView",
    "ContentExportView",
    "ContentTranslationsView",
    "HomeView",
    "MeetingDetailView",
    "SessionCreateView",
    "SessionDeleteView",
    "SessionUpdateView",
    "StateSuggestionListView",
    "SuggestionCreateView",
    "SuggestionReviewListView",
    "SuggestionReviewView",
    "SuggestionWithdrawView",
]
