"""Writes of a delegation's credentials: a focal point uploads the state's note verbale
or credentials letter (a PDF, checked by its content); the secretariat verifies it or
asks for a new one. Every upload is kept; every step is recorded in CredentialsChange.
"""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from workshops.containers import container_check
from workshops.uploads import max_document_bytes

from .models import CredentialsChange, CredentialsDocument, DelegationCredentials, MemberState
from .notices import credentials_notice_send


def credentials_pdf_check(file) -> None:
    """Raises ValidationError unless the upload is a PDF that opens, within the size limit.

    The content decides, not the name: a Word file called ".pdf" is refused.
    """
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if file.size > max_document_bytes():
        raise ValidationError(
            _("The file is %(size)s, larger than the limit of %(limit)s MB.")
            % {"size": filesizeformat(file.size), "limit": settings.MEETING_DOCUMENT_MAX_MB},
            code="too_large",
        )
    file.seek(0)
    guessed = filetype.guess(file)
    file.seek(0)
    if guessed is None or guessed.mime != "application/pdf":
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, whatever its name says. Save the note verbale or "
                "credentials letter as PDF (or scan it to PDF) and upload it again."
            )
            % {"name": file.name},
            code="not_pdf",
        )
    # Opens it with pypdf: a broken or booby-trapped PDF is refused with its reason.
    container_check(file, extension=".pdf")


def _ensure_open(meeting) -> None:
    if not meeting.is_open:
        raise ValidationError(
            _("This meeting is %(status)s: its credentials can no longer change.")
            % {"status": meeting.get_status_display().lower()}
        )


@transaction.atomic
def credentials_upload(*, meeting, member_state: MemberState, file, by) -> DelegationCredentials:
    """A new current document for the state's delegation; earlier ones are kept.

    The status goes back to submitted, whatever it was: the secretariat looks again.
    """
    _ensure_open(meeting)
    credentials_pdf_check(file)
    credentials, _created = DelegationCredentials.objects.select_for_update().get_or_create(
        meeting=meeting, member_state=member_state
    )
    document = CredentialsDocument(
        credentials=credentials,
        original_name=(file.name or "credentials.pdf")[:255],
        size=file.size,
        uploaded_by=by,
    )
    document.file.save("credentials.pdf", file, save=False)
    stored_name = document.file.name
    try:
        document.save()
        credentials.status = DelegationCredentials.Status.SUBMITTED
        credentials.reason = ""
        credentials.save(update_fields=["status", "reason", "updated_at"])
        CredentialsChange.objects.create(
            credentials=credentials,
            action=CredentialsChange.Action.UPLOADED,
            document=document,
            changed_by=by,
        )
    except Exception:
        # The rows go with the transaction; the file must not stay behind in the storage.
        document.file.storage.delete(stored_name)
        raise
    return credentials


def _lock_current(credentials: DelegationCredentials, document_id) -> DelegationCredentials:
    """The credentials locked, if `document_id` (what the secretariat looked at) is still
    the current document; a newer upload in between is refused."""
    locked = DelegationCredentials.objects.select_for_update().get(pk=credentials.pk)
    current = locked.documents.order_by("-uploaded_at", "-pk").first()
    if current is None or str(current.pk) != str(document_id):
        raise ValidationError(
            _("A newer document was uploaded meanwhile: look at it, then decide."),
            code="stale",
        )
    locked.current = current
    return locked


@transaction.atomic
def credentials_verify(
    *, credentials: DelegationCredentials, document_id, by
) -> DelegationCredentials:
    """The secretariat accepts the current document."""
    locked = _lock_current(credentials, document_id)
    if locked.status == DelegationCredentials.Status.VERIFIED:
        return locked
    locked.status = DelegationCredentials.Status.VERIFIED
    locked.reason = ""
    locked.save(update_fields=["status", "reason", "updated_at"])
    change = CredentialsChange.objects.create(
        credentials=locked,
        action=CredentialsChange.Action.VERIFIED,
        document=locked.current,
        changed_by=by,
    )
    credentials_notice_send(credentials=locked, event=str(change.pk))
    return locked


@transaction.atomic
def credentials_request_new(
    *, credentials: DelegationCredentials, document_id, reason: str, by
) -> DelegationCredentials:
    """The secretariat asks the state for a new document, saying why; the focal points
    see the reason on their delegation page and receive it by e-mail."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why a new document is needed."), code="reason")
    locked = _lock_current(credentials, document_id)
    locked.status = DelegationCredentials.Status.NEW_REQUESTED
    locked.reason = reason
    locked.save(update_fields=["status", "reason", "updated_at"])
    change = CredentialsChange.objects.create(
        credentials=locked,
        action=CredentialsChange.Action.NEW_REQUESTED,
        document=locked.current,
        reason=reason,
        changed_by=by,
    )
    credentials_notice_send(credentials=locked, event=str(change.pk))
    return locked
