from django.contrib import messages
from django.utils.translation import gettext as _

from ..models import RenderedDocument


def announce_render(request, document: RenderedDocument, *, unchanged: str) -> None:
    """What the user is told after asking for a PDF: ready, or waiting for the workers."""
    if document.status == RenderedDocument.Status.DONE:
        if unchanged:
            messages.info(request, unchanged)
    elif document.status == RenderedDocument.Status.QUEUED and document.sent_at is None:
        messages.warning(
            request,
            _(
                "The PDF workers cannot be reached right now. The PDF stays queued and will be "
                "made as soon as they are reachable; nothing needs to be asked again."
            ),
        )
