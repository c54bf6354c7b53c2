"""A Word draft (.docx) → the Markdown of a note's body, and what could not come along.

mammoth (a maintained converter) reads the Word file into simple HTML: headings,
paragraphs, lists, italics, bold, links and footnotes. A small walker over that HTML
writes the body's Markdown (see markup.py): Word's numbered paragraphs become plain
paragraphs, since the note numbers its paragraphs itself; headings become ## and ###;
footnotes become [^1] calls and [^1]: texts. Pictures, tables, comments and Word's
title block are left out, and said so. Nothing here saves anything: the author reviews
the Markdown before it goes into a body.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

import filetype
import mammoth
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workshops.containers import container_check

from .markers import MARKER

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Word's own title block is the note's title and subtitle fields: marked here, left out.
STYLE_MAP = """
p[style-name='Title'] => p.docx-title:fresh
p[style-name='Subtitle'] => p.docx-subtitle:fresh
comment-reference => sup
"""
TYPED_NUMBER = re.compile(r"^\d{1,3}\.\s+")
# What would start a Markdown block at the start of a paragraph: "#", ">", "- ", "2010. ".
BLOCK_START = re.compile(r"^(?:([#>+-])|(\d+)([.)])(?=\s|$))")
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
VOID_TAGS = {"br", "img", "hr"}
ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")


@dataclass
class DocxImport:
    markdown: str
    warnings: list[str] = field(default_factory=list)


def max_draft_bytes() -> int:
    return settings.NOTE_DRAFT_MAX_MB * 1024 * 1024


def docx_check(file) -> None:
    """Raises ValidationError unless `file` is a Word document (.docx) within the limits."""
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if file.size > max_draft_bytes():
        raise ValidationError(
            _("The file is %(size)s, larger than the limit of %(limit)s MB."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": settings.NOTE_DRAFT_MAX_MB},
        )
    file.seek(0)
    guessed = filetype.guess(file)
    file.seek(0)
    if guessed is None or guessed.mime != DOCX_MIME:
        raise ValidationError(
            _(
                "“%(name)s” is not a Word document (.docx), whatever its name says. In Word, "
                "choose Save as, then Word Document (.docx), and upload that file."
            ),
            code="content",
            params={"name": file.name},
        )
    if PurePosixPath(file.name or "").suffix.lower() != ".docx":
        raise ValidationError(
            _("“%(name)s” is a Word document: its name should end in .docx."),
            code="extension",
            params={"name": file.name},
        )
    container_check(file, extension=".docx")


def docx_to_markdown(file) -> DocxImport:
    """The body's Markdown of a checked .docx (docx_check), with what was left out.

    Raises ValidationError if mammoth cannot read the document after all.
    """
    file.seek(0)
    try:
        result = mammoth.convert_to_html(
            file,
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(lambda image: {"src": ""}),
        )
    except Exception as exc:  # a damaged part fails deep inside the converter, in many ways
        raise ValidationError(
            _("“%(name)s” could not be read as a Word document (%(error)s)."),
            code="unreadable",
            params={"name": file.name, "error": exc.__class__.__name__},
        ) from exc
    finally:
        file.seek(0)
    walker = _Walker()
    markdown = walker.markdown(_parse(result.value))
    warnings = walker.warnings()
    warnings += [
        _("The converter says: %(message)s") % {"message": message.message}
        for message in result.messages
    ]
    if not markdown.strip():
        raise ValidationError(
            _("“%(name)s” holds no text the note could use."),
            code="no_text",
            params={"name": file.name},
        )
    return DocxImport(markdown=markdown, warnings=warnings)


class _TreeBuilder(HTMLParser):
    """mammoth's HTML (well formed, but HTML) as an ElementTree."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("root")
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = ET.SubElement(self._open[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self._open[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        current = self._open[-1]
        if len(current):
            current[-1].tail = (current[-1].tail or "") + data
        else:
            current.text = (current.text or "") + data


def _parse(html: str) -> ET.Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _is_note_list(element: ET.Element) -> bool:
    return element.tag == "ol" and any(
        item.get("id", "").startswith(("footnote-", "endnote-")) for item in element
    )


def _note_label(note_id: str) -> str:
    """mammoth's footnote-3 → 3, endnote-3 → e3 (both print as footnotes)."""
    kind, _dash, number = note_id.partition("-")
    return number if kind == "footnote" else f"e{number}"


def _escape(text: str) -> str:
    """Word's text stays literal text in Markdown; markers typed in Word stay markers."""
    parts, last = [], 0
    for match in MARKER.finditer(text):
        parts.append(INLINE_SPECIAL.sub(r"\\\1", text[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(INLINE_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(parts).replace("<", "&lt;")


def _escape_block_start(text: str) -> str:
    match = BLOCK_START.match(text)
    if match is None:
        return text
    if match[1]:
        return "\\" + text
    return f"{match[2]}\\{match[3]}{text[match.end() :]}"


class _Walker:
    def __init__(self):
        self.counts = {"picture": 0, "table": 0, "comment": 0, "numbered": 0, "typed": 0}
        self.left_out_titles: list[str] = []

    def markdown(self, root: ET.Element) -> str:
        blocks, footnotes = [], []
        for element in root:
            if _is_note_list(element):
                footnotes += [self._footnote(item) for item in element]
            else:
                blocks += self._block(element)
        text = "\n\n".join(block for block in blocks if block)
        if footnotes:
            text += "\n\n" + "\n".join(footnotes)
        return text + "\n"

    def warnings(self) -> list[str]:
        counts = self.counts
        found = [
            _("“%(text)s”, in Word's Title or Subtitle style, was left out: the note's "
              "title and subtitle are fields of their own.") % {"text": text}
            for text in self.left_out_titles
        ]  # fmt: skip
        messages = {
            "picture": ngettext(
                "%(count)s picture was left out: a note holds text only.",
                "%(count)s pictures were left out: a note holds text only.",
                counts["picture"],
            ),
            "table": ngettext(
                "%(count)s table was left out: type its content as paragraphs or a list.",
                "%(count)s tables were left out: type their content as paragraphs or lists.",
                counts["table"],
            ),
            "comment": ngettext(
                "%(count)s comment was left out.",
                "%(count)s comments were left out.",
                counts["comment"],
            ),
            "numbered": ngettext(
                "Word's numbering of %(count)s paragraph gives way to the note's own numbering.",
                "Word's numbering of %(count)s paragraphs gives way to the note's own numbering.",
                counts["numbered"],
            ),
            "typed": ngettext(
                "The number typed at the start of %(count)s paragraph was taken out: "
                "the note numbers its paragraphs itself.",
                "The numbers typed at the start of %(count)s paragraphs were taken out: "
                "the note numbers its paragraphs itself.",
                counts["typed"],
            ),
        }
        found += [
            message % {"count": counts[key]} for key, message in messages.items() if counts[key]
        ]
        return found

    # --- blocks --------------------------------------------------------------------

    def _block(self, element: ET.Element) -> list[str]:
        tag = element.tag
        # Word's Heading 1 is a section (the note's title is a field of its own), Heading 2
        # and below a sub-section: the body has two levels.
        if tag == "h1":
            return [f"## {self._inline_text(element)}"]
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return [f"### {self._inline_text(element)}"]
        if tag == "p" and element.get("class") in ("docx-title", "docx-subtitle"):
            text = ASCII_SPACES.sub(" ", self._plain(element)).strip(" ")
            if text:
                self.left_out_titles.append(text)
            return []
        if tag == "ol":
            # Word's numbered paragraphs: the note's own paragraphs, numbered by the note.
            blocks = []
            for item in element:
                blocks += self._numbered_item(item)
            return blocks
        if tag == "ul":
            return [self._list(element, depth=0)]
        if tag == "table":
            self.counts["table"] += 1
            self.counts["picture"] += len(element.findall(".//img"))
            return []
        if tag == "dl":  # the comments' texts, after the body
            return []
        if tag in ("img", "hr", "br"):
            self.counts["picture"] += tag == "img"
            return []
        return [self._paragraph(element)]

    def _paragraph(self, element: ET.Element, *, typed_numbers: bool = True) -> str:
        text = self._inline_text(element)
        if typed_numbers and TYPED_NUMBER.match(text):
            self.counts["typed"] += 1
            text = TYPED_NUMBER.sub("", text, count=1)
        return _escape_block_start(text)

    def _numbered_item(self, item: ET.Element) -> list[str]:
        self.counts["numbered"] += 1
        nested = [child for child in item if child.tag in ("ol", "ul")]
        for child in nested:
            item.remove(child)
        blocks = [self._paragraph(item)]
        blocks += [self._list(child, depth=0) for child in nested]
        return blocks

    def _list(self, element: ET.Element, *, depth: int) -> str:
        lines = []
        for number, item in enumerate(element, start=1):
            nested = [child for child in item if child.tag in ("ol", "ul")]
            for child in nested:
                item.remove(child)
            bullet = f"{number}." if element.tag == "ol" else "-"
            lines.append(f"{'    ' * depth}{bullet} {self._inline_text(item)}")
            lines += [self._list(child, depth=depth + 1) for child in nested]
        return "\n".join(lines)

    def _footnote(self, item: ET.Element) -> str:
        for link in item.iter("a"):
            if link.get("href", "").startswith(("#footnote-ref-", "#endnote-ref-")):
                link.clear()
        paragraphs = [self._inline_text(p) for p in item if p.tag == "p"] or [
            self._inline_text(item)
        ]
        text = "\n\n    ".join(paragraph for paragraph in paragraphs if paragraph)
        return f"[^{_note_label(item.get('id', ''))}]: {text}"

    # --- inline --------------------------------------------------------------------

    def _inline_text(self, element: ET.Element) -> str:
        # Word's no-break spaces (French "note :") are kept; tabs and line ends are not.
        return ASCII_SPACES.sub(" ", self._inline(element)).strip(" ")

    def _inline(self, element: ET.Element) -> str:
        out = [_escape(element.text or "")]
        for child in element:
            out.append(self._inline_element(child))
            out.append(_escape(child.tail or ""))
        return "".join(out)

    def _inline_element(self, element: ET.Element) -> str:
        tag = element.tag
        if tag in ("em", "i"):
            return _wrap(self._inline(element), "*")
        if tag in ("strong", "b"):
            return _wrap(self._inline(element), "**")
        if tag == "img":
            self.counts["picture"] += 1
            return ""
        if tag == "br":
            return " "
        if tag == "p":  # a list item's second paragraph
            return f" {self._inline(element)} "
        if tag in ("ol", "ul", "table"):
            self.counts["table"] += tag == "table"
            return ""
        link = element if tag == "a" else element.find(".//a")
        href = link.get("href", "") if link is not None else ""
        if href.startswith(("#footnote-", "#endnote-")):
            return f"[^{_note_label(href[1:])}]"
        if href.startswith("#comment-"):
            self.counts["comment"] += 1
            return ""
        if tag == "a" and href.startswith(("http://", "https://", "mailto:")):
            return f"[{self._inline(element).strip()}]({href})"
        return self._inline(element)

    def _plain(self, element: ET.Element) -> str:
        return "".join(element.itertext())


def _wrap(text: str, mark: str) -> str:
    """*italic*, with the spaces Word leaves inside a run moved outside the marks."""
    stripped = text.strip()
    if not stripped:
        return text
    leading = text[: len(text) - len(text.lstrip())]
    trailing = text[len(text.rstrip()) :]
    return f"{leading}{mark}{stripped}{mark}{trailing}"
