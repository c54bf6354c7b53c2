"""The inside of an uploaded document: a file whose first bytes say "PDF" or "Word" must
also be built as one, with nothing in it that could run.

A PDF must open with pypdf and carry no JavaScript, launch action or embedded
file, and no HTML near its start (a PDF/HTML polyglot that a browser would show
as a page). An Office Open XML file (.docx, .xlsx, .pptx) or an OpenDocument
file must be a sound ZIP with the parts its format requires, no executable, no
script, no macros, no embedded object, and must not unpack to a zip bomb.
Legacy .doc/.xls/.ppt files are recognised by their content only (filetype).
"""

import zipfile
from pathlib import PurePosixPath

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The parts every file of the format has (ECMA-376 part 2; OASIS ODF 1.2 part 3).
REQUIRED_PARTS = {
    ".docx": ("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
    ".xlsx": ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"),
    ".pptx": ("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"),
    ".odt": ("mimetype", "META-INF/manifest.xml", "content.xml"),
    ".ods": ("mimetype", "META-INF/manifest.xml", "content.xml"),
    ".odp": ("mimetype", "META-INF/manifest.xml", "content.xml"),
}
ODF_MIMETYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}
RUNNABLE_EXTENSIONS = {
    ".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".hta", ".jar", ".sh", ".py", ".elf", ".so", ".dylib", ".app", ".lnk",
}  # fmt: skip
RUNNABLE_SIGNATURES = (
    b"MZ",  # Windows executables and DLLs
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xca\xfe\xba\xbe",
    b"#!",
)
# Where Office keeps macros and OLE objects (an OLE "package" can wrap any program).
MACRO_NAMES = ("vbaproject.bin", "vbadata.xml")
OLE_OBJECT_FOLDERS = ("/embeddings/", "/activex/")
HTML_MARKERS = (b"<html", b"<!doctype", b"<script", b"<body", b"<iframe", b"<svg", b"<meta")
# Browsers sniff this much of a response to decide whether it is HTML.
SNIFFED_BYTES = 1024
PDF_ACTIONS = ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData")
MAX_MEMBERS = 10_000


def refused(name: str, reason) -> ValidationError:
    return ValidationError(
        _("“%(name)s” was refused: %(reason)s"),
        code="container",
        params={"name": name, "reason": reason},
    )


def container_check(file, *, extension: str) -> None:
    """Raises ValidationError saying what was refused; the file is left at position 0."""
    file.seek(0)
    try:
        if extension == ".pdf":
            _check_pdf(file)
        elif extension in REQUIRED_PARTS:
            _check_zip(file, extension=extension)
    except _Refusal as refusal:
        raise refused(file.name, refusal.reason) from None
    finally:
        file.seek(0)


class _Refusal(Exception):
    def __init__(self, reason):
        self.reason = reason


def _check_pdf(file) -> None:
    head = file.read(SNIFFED_BYTES).lower()
    if any(marker in head for marker in HTML_MARKERS):
        raise _Refusal(_("it holds HTML at its start, which a browser could open as a web page."))
    file.seek(0)
    try:
        reader = pypdf.PdfReader(file, strict=False)
        if len(reader.pages) == 0:
            raise _Refusal(_("it is a PDF without pages."))
        root = reader.trailer["/Root"].get_object()
        names = root.get("/Names")
        names = names.get_object() if names is not None else {}
    except _Refusal:
        raise
    except Exception as exc:  # pypdf raises many kinds of error for a broken file
        raise _Refusal(_("it does not open as a PDF (%(error)s).") % {"error": exc}) from exc
    if "/JavaScript" in names or "/EmbeddedFiles" in names:
        raise _Refusal(_("it contains JavaScript or embedded files; save it again as a plain PDF."))
    if any(_runs_an_action(root.get(key)) for key in ("/OpenAction", "/AA")):
        raise _Refusal(_("it runs an action when opened; save it again as a plain PDF."))


def _runs_an_action(node, depth: int = 0) -> bool:
    """Whether an opening action (or its /Next chain, a few levels deep) runs code."""
    if node is None or depth > 4:
        return False
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if node.get("/S") in PDF_ACTIONS:
            return True
        return any(
            _runs_an_action(value, depth + 1)
            for key, value in node.items()
            if key not in ("/P", "/Parent")  # a page: not an action, and a way up the tree
        )
    if isinstance(node, pypdf.generic.ArrayObject):
        return any(_runs_an_action(value, depth + 1) for value in node)
    return False


def _check_zip(file, *, extension: str) -> None:
    try:
        archive = zipfile.ZipFile(file)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Refusal(_("it is a damaged archive, not a complete document.")) from exc
    if len(members) > MAX_MEMBERS:
        raise _Refusal(_("it holds more parts than any document has."))
    limit_mb = settings.MEETING_DOCUMENT_MAX_UNPACKED_MB
    if sum(member.file_size for member in members) > limit_mb * 1024 * 1024:
        raise _Refusal(_("it unpacks to more than %(limit)s MB.") % {"limit": limit_mb})
    names = {member.filename for member in members}
    for part in REQUIRED_PARTS[extension]:
        if part not in names:
            raise _Refusal(
                _("a %(extension)s document has a part %(part)s, and this file has none.")
                % {"extension": extension, "part": part}
            )
    if extension in ODF_MIMETYPES and archive.read("mimetype").strip() != ODF_MIMETYPES[extension]:
        raise _Refusal(
            _("its declared type is not that of a %(extension)s document.")
            % {"extension": extension}
        )
    for member in members:
        _check_member(archive, member)


def _check_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    name = member.filename
    lowered = "/" + name.lower()
    path = PurePosixPath(name)
    if name.startswith("/") or ".." in path.parts:
        raise _Refusal(_("it names a part outside the document (%(part)s).") % {"part": name})
    if path.suffix.lower() in RUNNABLE_EXTENSIONS:
        raise _Refusal(_("it contains a program or script (%(part)s).") % {"part": name})
    if lowered.endswith(MACRO_NAMES):
        raise _Refusal(
            _("it contains macros (%(part)s); save it as a document without macros.")
            % {"part": name}
        )
    if any(folder in lowered for folder in OLE_OBJECT_FOLDERS) and path.suffix.lower() == ".bin":
        raise _Refusal(
            _("it contains an embedded object (%(part)s); save it without it, or as PDF.")
            % {"part": name}
        )
    if member.is_dir():
        return
    with archive.open(member) as stream:
        start = stream.read(4)
    if start.startswith(RUNNABLE_SIGNATURES):
        raise _Refusal(_("it contains a program or script (%(part)s).") % {"part": name})
