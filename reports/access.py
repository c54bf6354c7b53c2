"""Who may see which document: the public sees published ones, the secretariat all."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accounts.roles import is_secretariat

from .models import DiscussionNote, RenderedDocument
from .selectors import note_translation_is_published


def note_is_public(note: DiscussionNote) -> bool:
    return note.status == DiscussionNote.Status.PUBLISHED


def rendered_document_is_public(document: RenderedDocument) -> bool:
    """A note's PDF: public when the note is published and so is the PDF's language version."""
    if document.status != RenderedDocument.Status.DONE:
        return False
    if document.kind == RenderedDocument.Kind.NOTE:
        note = document.note
        if not note_is_public(note):
            return False
        if document.language == note.original_language:
            return True
        return note_translation_is_published(note_id=note.pk, language=document.language)
    return document.published_at is not None


def require_secretariat_unless(request, public: bool):
    """None if the request may go on; otherwise the login redirect (anonymous) or 403."""
    if public or is_secretariat(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
