"""The programme app's models: agendas with their sessions and people, and speaker suggestions."""

from .agenda import Agenda, Session, SessionPerson
from .suggestions import SpeakerSuggestion

__all__ = ["Agenda", "Session", "SessionPerson", "SpeakerSuggestion"]
