"""The workshops app's models, one module per concern."""

from .documents import DocumentLanguage, MeetingDocument, MeetingDocumentVersion
from .subscriptions import Subscription
from .years import DialogueYear, Meeting, MeetingStatusChange

__all__ = [
    "DialogueYear",
    "DocumentLanguage",
    "Meeting",
    "MeetingDocument",
    "MeetingDocumentVersion",
    "MeetingStatusChange",
    "Subscription",
]
