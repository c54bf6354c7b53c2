"""Views of the workshops app: years, meetings, their planning and their documents."""

from .documents import (
    DocumentCreateView,
    DocumentDownloadView,
    DocumentUpdateView,
    DocumentVersionCreateView,
    DocumentVersionDownloadView,
)
from .pages import CalendarFeedView, YearDetailView, YearListView, year_context
from .planning import MeetingCreateView, MeetingUpdateView, YearCreateView, YearUpdateView

__all__ = [
    "CalendarFeedView",
    "DocumentCreateView",
    "DocumentDownloadView",
    "DocumentUpdateView",
    "DocumentVersionCreateView",
    "DocumentVersionDownloadView",
    "MeetingCreateView",
    "MeetingUpdateView",
    "YearCreateView",
    "YearDetailView",
    "YearUpdateView",
    "YearListView",
    "year_context",
]
