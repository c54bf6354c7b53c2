"""Writes of the programme app, one module per concern; import them from here."""

from .agenda import (
    agenda_get_or_create,
    agenda_publish,
    agenda_unpublish,
    session_create,
    session_delete,
    session_update,
)
from .suggestions import speaker_suggestion_review, speaker_suggestion_submit

__all__ = [
    "agenda_get_or_create",
    "agenda_publish",
    "agenda_unpublish",
    "session_create",
    "session_delete",
    "session_update",
    "speaker_suggestion_review",
    "speaker_suggestion_submit",
]
