"""Writes of the workshops app, one module per concern; import them from here."""

from .documents import (
    meeting_document_create,
    meeting_document_update,
    meeting_document_version_add,
)
from .years import (
    dialogue_year_create,
    dialogue_year_theme_set,
    dialogue_year_update,
    meeting_create,
    meeting_update,
)

__all__ = [
    "dialogue_year_create",
    "dialogue_year_theme_set",
    "dialogue_year_update",
    "meeting_create",
    "meeting_document_create",
    "meeting_document_update",
    "meeting_document_version_add",
    "meeting_update",
]
