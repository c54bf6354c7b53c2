"""Fixtures of the workshops tests: sample uploads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from workshops.tests.factories import PDF_BYTES


def docx_bytes() -> bytes:
    """The smallest zip that is a Word document by its content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def upload():
    """upload(name, content) -> an uploaded file as a browser would send it."""

    def _upload(name: str, content: bytes = PDF_BYTES) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content)

    return _upload


@pytest.fixture
def docx():
    return docx_bytes()
