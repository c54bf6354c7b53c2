from typing import TYPE_CHECKING

from django.core.files import File
from django.db import transaction
from django.db.models import Max

from ..models import Meeting, MeetingDocument, MeetingDocumentVersion
from ..notices import meeting_document_notice_send
from ..uploads import document_format_check

if TYPE_CHECKING:
    from accounts.models import User

DOCUMENT_FIELDS = ("kind", "title", "language", "visibility")


def _store_version(
    *, document: MeetingDocument, number: int, file, by: "User | None"
) -> MeetingDocumentVersion:
    # The one check of the file in the services: it comes before anything is written to
    # the storage, and the callers' transaction takes back any row written before it.
    fmt = document_format_check(file)
    version = MeetingDocumentVersion(
        document=document,
        number=number,
        original_name=file.name[:255],
        content_type=fmt.content_type,
        size=file.size,
        uploaded_by=by,
    )
    # The stored name ends in the extension of the detected format, whatever the upload said.
    version.file.save(f"upload{fmt.extension}", file, save=False)
    stored_name = version.file.name
    # If the row cannot be written, the file must not stay behind in the storage.
    try:
        version.save()
    except Exception:
        version.file.storage.delete(stored_name)
        raise
    return version


@transaction.atomic
def meeting_document_create(
    *,
    meeting: Meeting,
    by: "User | None",
    kind: str,
    title: str,
    file: File,
    language: str = "en",
    visibility: str = MeetingDocument.Visibility.STAFF,
) -> MeetingDocument:
    """A new document with its first version; a refused file leaves nothing behind."""
    document = MeetingDocument(
        meeting=meeting,
        kind=kind,
        title=title,
        language=language,
        visibility=visibility,
        created_by=by,
    )
    document.full_clean(exclude=["meeting"])
    document.save()
    _store_version(document=document, number=1, file=file, by=by)
    meeting_document_notice_send(document=document, version_number=1)
    return document


@transaction.atomic
def meeting_document_version_add(
    *, document: MeetingDocument, by: "User | None", file: File
) -> MeetingDocumentVersion:
    """Uploads a new version; earlier versions are kept and stay downloadable."""
    # Lock the document so that two uploads at once get different numbers.
    MeetingDocument.objects.select_for_update().filter(pk=document.pk).first()
    latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = _store_version(document=document, number=latest + 1, file=file, by=by)
    meeting_document_notice_send(document=document, version_number=version.number)
    return version


@transaction.atomic
def meeting_document_update(*, document: MeetingDocument, **fields) -> MeetingDocument:
    """Changes a document's title, kind, language or visibility (not its file)."""
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown document fields: {sorted(unknown)}")
    # As stored: the object passed in may already carry the new visibility.
    was_public = MeetingDocument.objects.filter(
        pk=document.pk, visibility=MeetingDocument.Visibility.PUBLIC
    ).exists()
    for name, value in fields.items():
        setattr(document, name, value)
    document.full_clean(exclude=["meeting", "created_by"])
    document.save(update_fields=list(fields))
    if document.is_public and not was_public:
        latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
        meeting_document_notice_send(document=document, version_number=latest)
    return document
