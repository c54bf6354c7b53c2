"""What a meeting document may be: PDF or an Office format, recognised by its content."""

from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .containers import container_check


@dataclass(frozen=True)
class DocumentFormat:
    extension: str
    content_type: str
    label: str


ACCEPTED_FORMATS = {
    fmt.content_type: fmt
    for fmt in (
        DocumentFormat(".pdf", "application/pdf", "PDF"),
        DocumentFormat(".doc", "application/msword", "Word"),
        DocumentFormat(
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
        ),
        DocumentFormat(".xls", "application/vnd.ms-excel", "Excel"),
        DocumentFormat(
            ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
        ),
        DocumentFormat(".ppt", "application/vnd.ms-powerpoint", "PowerPoint"),
        DocumentFormat(
            ".pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint",
        ),
        DocumentFormat(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument"),
        DocumentFormat(".ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument"),
        DocumentFormat(".odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument"),
    )
}
ACCEPTED_EXTENSIONS = sorted(fmt.extension for fmt in ACCEPTED_FORMATS.values())


def max_document_bytes() -> int:
    return settings.MEETING_DOCUMENT_MAX_MB * 1024 * 1024


def document_format_check(file) -> DocumentFormat:
    """The format of an uploaded file, or a ValidationError saying what is wrong with it.

    The name must end in an accepted extension and the content must be that very
    format: a renamed executable or a Word file called ".pdf" is refused.
    """
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = max_document_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s, larger than the limit of %(limit)s MB."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": settings.MEETING_DOCUMENT_MAX_MB},
        )
    extension = PurePosixPath(file.name or "").suffix.lower()
    if extension not in ACCEPTED_EXTENSIONS:
        raise ValidationError(
            _("Files ending in %(extensions)s can be uploaded; this one is “%(name)s”."),
            code="extension",
            params={"extensions": ", ".join(ACCEPTED_EXTENSIONS), "name": file.name},
        )
    file.seek(0)
    guessed = filetype.guess(file)
    file.seek(0)
    fmt = ACCEPTED_FORMATS.get(guessed.mime) if guessed else None
    if fmt is None:
        raise ValidationError(
            _(
                "The content of “%(name)s” is not a PDF or Office document, whatever its name "
                "says. Save it as PDF, Word, Excel, PowerPoint or OpenDocument and try again."
            ),
            code="content",
            params={"name": file.name},
        )
    if fmt.extension != extension:
        raise ValidationError(
            _(
                "“%(name)s” is named %(extension)s but its content is a %(label)s file "
                "(%(actual)s). Rename it or choose the right file."
            ),
            code="mismatch",
            params={
                "name": file.name,
                "extension": extension,
                "label": fmt.label,
                "actual": fmt.extension,
            },
        )
    container_check(file, extension=fmt.extension)
    return fmt
