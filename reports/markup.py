"""Note bodies: Markdown with footnotes → sanitized HTML with numbered paragraphs.

Paragraphs at the top level of the body are numbered continuously across
headings (paragraphs inside lists, quotes or footnotes are not). Each footnote
appears twice: as Markdown's list at the end (shown on screen) and as a span
at its call (`float: footnote` in print), so the PDF puts it at the foot of the
page that calls it while a browser preview keeps the list.
"""

import copy
import re
import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "div",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "span",
    "strong",
    "sub",
    "sup",
    "ul",
}
ALLOWED_ATTRIBUTES = {"*": {"class", "id"}, "a": {"href", "title"}}


class NumberedParagraphs(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self._copy_footnotes_to_their_calls(root)
        number = 0
        for element in root:
            if element.tag == "p":
                number += 1
                element.set("class", "numbered")
                element.set("id", f"para-{number}")
                label = ET.Element("span", {"class": "para-number"})
                label.text = f"{number}."
                label.tail = " " + (element.text or "")
                element.text = None
                element.insert(0, label)

    def _copy_footnotes_to_their_calls(self, root: ET.Element) -> None:
        # Linear in the size of the tree: each footnote's printed span is built once,
        # and each parent's children are rebuilt in one pass (no index() per call).
        notes = {
            item.get("id"): item
            for block in root.iter("div")
            if block.get("class") == "footnote"
            for item in block.iter("li")
        }
        spans: dict[str, ET.Element] = {}
        for parent in list(root.iter()):
            children = []
            for child in parent:
                children.append(child)
                if child.tag != "sup" or not (child.get("id") or "").startswith("fnref"):
                    continue
                link = child.find("a")
                note_id = (link.get("href") or "").lstrip("#") if link is not None else ""
                item = notes.get(note_id)
                if item is None:
                    continue
                if note_id not in spans:
                    spans[note_id] = _footnote_span(item)
                child.set("class", "footnote-call")
                span = _shallow_copy(spans[note_id])
                span.tail, child.tail = child.tail, None
                children.append(span)
            if len(children) != len(parent):
                parent[:] = children


def _shallow_copy(span: ET.Element) -> ET.Element:
    """A new span around the same (never modified) content: each call has its own tail."""
    copied = ET.Element(span.tag, span.attrib)
    copied.text = span.text
    copied.extend(copy.deepcopy(list(span)))
    return copied


def _footnote_span(item: ET.Element) -> ET.Element:
    span = ET.Element("span", {"class": "footnote-print"})
    paragraphs = [copy.deepcopy(p) for p in item if p.tag == "p"]
    for paragraph_index, paragraph in enumerate(paragraphs):
        for backref in paragraph.findall("a"):
            if backref.get("class") == "footnote-backref":
                _remove_keeping_tail(paragraph, backref)
        if paragraph_index:
            ET.SubElement(span, "br")
        if paragraph.text:
            if len(span):
                span[-1].tail = (span[-1].tail or "") + paragraph.text
            else:
                span.text = (span.text or "") + paragraph.text
        span.extend(list(paragraph))
    # Markdown separates the note from its back-link with a no-break space.
    if len(span):
        span[-1].tail = _strip_backlink_space(span[-1].tail)
    else:
        span.text = _strip_backlink_space(span.text)
    return span


def _strip_backlink_space(text: str | None) -> str:
    return (text or "").replace(NBSP_PLACEHOLDER, "").rstrip()


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    children = list(parent)
    index = children.index(child)
    tail = child.tail or ""
    if index:
        children[index - 1].tail = (children[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


class NumberedParagraphsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # After the footnotes extension's processors (50, 19, 15) and inline (20).
        md.treeprocessors.register(NumberedParagraphs(md), "numbered_paragraphs", 5)


def body_to_html(text: str) -> str:
    """Markdown → HTML; raw HTML in the text is sanitized away, never trusted."""
    converter = markdown.Markdown(
        extensions=["footnotes", "sane_lists", NumberedParagraphsExtension()],
        extension_configs={"footnotes": {"BACKLINK_TEXT": "↩"}},
    )
    html = converter.convert(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


# The characters Python-Markdown lets a backslash escape; "<" becomes an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!>])")


def escape_markdown(text: str) -> str:
    """Text from the database, inserted into Markdown, stays literal text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")
