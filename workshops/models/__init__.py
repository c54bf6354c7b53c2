"""The workshops app's models, one module per concern."""

from .agenda import Agenda, Session, SessionPerson
from .documents import DocumentLanguage, MeetingDocument, MeetingDocumentVersion
from .subscriptions import Subscription
from .suggestions import Suggestion
from .years import DialogueYear, Meeting, MeetingStatusChange

__all__ = [
    "Agenda",
    "DialogueYear",
    "DocumentLanguage",
    "Meeting",
    "MeetingDocument",
    "MeetingDocumentVersion",
    "MeetingStatusChange",
    "Session",
    "SessionPerson",
    "Subscription",
    "Suggestion",
]
