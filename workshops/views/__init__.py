"""Views of the workshops app: public pages, planning, agendas, documents, suggestions."""

from .agenda import (
    AgendaCalendarView,
    AgendaEditView,
    AgendaPrintView,
    AgendaPublishView,
    SessionCreateView,
    SessionDeleteView,
    SessionUpdateView,
)
from .documents import (
    DocumentCreateView,
    DocumentDownloadView,
    DocumentUpdateView,
    DocumentVersionCreateView,
    DocumentVersionDownloadView,
)
from .pages import CalendarFeedView, HomeView, MeetingDetailView, YearDetailView, YearListView
from .planning import MeetingCreateView, MeetingUpdateView, YearCreateView, YearUpdateView
from .suggestions import (
    StateSuggestionListView,
    SuggestionCreateView,
    SuggestionReviewListView,
    SuggestionReviewView,
    SuggestionWithdrawView,
)

__all__ = [
    "AgendaCalendarView",
    "AgendaEditView",
    "AgendaPrintView",
    "AgendaPublishView",
    "CalendarFeedView",
    "DocumentCreateView",
    "DocumentDownloadView",
    "DocumentUpdateView",
    "DocumentVersionCreateView",
    "DocumentVersionDownloadView",
    "HomeView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingUpdateView",
    "SessionCreateView",
    "SessionDeleteView",
    "SessionUpdateView",
    "StateSuggestionListView",
    "SuggestionCreateView",
    "SuggestionReviewListView",
    "SuggestionReviewView",
    "SuggestionWithdrawView",
    "YearCreateView",
    "YearDetailView",
    "YearListView",
    "YearUpdateView",
]
