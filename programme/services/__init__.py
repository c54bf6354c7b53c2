"""Writes of the programme app, one module per concern; import them from here."""

from .agenda import (
    agenda_get_or_create,
    agenda_publish,
    agenda_unpublish,
    session_create,
    session_delete,
    session_translations_set,
    session_update,
)
from .suggestions import (
    speaker_suggestion_review,
    speaker_suggestion_submit,
    speaker_suggestion_withdraw,
    speaker_suggestion_withdrawal_check,
)
from .translations import content_translations_import

__all__ = [
    "content_translations_import",
    "agenda_get_or_create",
    "agenda_publish",
    "agenda_unpublish",
    "session_create",
    "session_delete",
    "session_translations_set",
    "session_update",
    "speaker_suggestion_review",
    "speaker_suggestion_submit",
    "speaker_suggestion_withdraw",
    "speaker_suggestion_withdrawal_check",
]
