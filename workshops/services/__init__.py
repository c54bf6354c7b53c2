"""Writes of the workshops app, one module per concern; import them from here."""

from .agenda import (
    agenda_get_or_create,
    agenda_publish,
    agenda_unpublish,
    session_create,
    session_delete,
    session_update,
)
from .documents import (
    meeting_document_create,
    meeting_document_update,
    meeting_document_version_add,
)
from .suggestions import (
    suggestion_review,
    suggestion_submit,
    suggestion_withdraw,
    suggestion_withdrawal_check,
)
from .years import (
    dialogue_year_create,
    dialogue_year_theme_set,
    dialogue_year_update,
    meeting_create,
    meeting_update,
)

__all__ = [
    "agenda_get_or_create",
    "agenda_publish",
    "agenda_unpublish",
    "dialogue_year_create",
    "dialogue_year_theme_set",
    "dialogue_year_update",
    "meeting_create",
    "meeting_document_create",
    "meeting_document_update",
    "meeting_document_version_add",
    "meeting_update",
    "session_create",
    "session_delete",
    "session_update",
    "suggestion_review",
    "suggestion_submit",
    "suggestion_withdraw",
    "suggestion_withdrawal_check",
]
