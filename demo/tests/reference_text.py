"""Comparing a rendered IC/2010/5 with the text of the real note.

Both texts are brought to the same reading order before comparing words:
page furniture (the running header "IC/2010/5 / Page N") is dropped, and
footnotes, which sit wherever a page happened to end, are taken out of the
flow and compared on their own. Footnote calls (¹, ²) are dropped from the
flow; the reference's emphasis markers (** and *) are formatting, not words. Nothing
else is changed: case, punctuation and paragraph numbers count.
"""

import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf

REFERENCE_PATH = Path(__file__).resolve().parent / "reference" / "IC-2010-5.txt"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_START = re.compile(rf"^[{SUPERSCRIPT_DIGITS}]+ ")
FOOTNOTE_CALL = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+")
PARAGRAPH_START = re.compile(r"(?m)^(\d+)\.\s")


@dataclass
class NoteText:
    flow: str
    footnotes: list[str]

    @property
    def words(self) -> list[str]:
        return self.flow.split() + " ".join(self.footnotes).split()

    def paragraphs(self) -> dict[int, str]:
        """Numbered paragraphs by number, each up to the next number or heading-free end."""
        starts = list(PARAGRAPH_START.finditer(self.flow))
        paragraphs = {}
        for index, match in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(self.flow)
            paragraphs[int(match[1])] = " ".join(self.flow[match.end() : end].split())
        return paragraphs

    def paragraph_numbers(self) -> list[int]:
        return [int(match[1]) for match in PARAGRAPH_START.finditer(self.flow)]


def _split(lines_by_page: list[list[str]]) -> NoteText:
    flow, footnotes = [], []
    for lines in lines_by_page:
        in_footnotes = False
        for line in lines:
            line = " ".join(line.split())
            if not line:
                continue
            if FOOTNOTE_START.match(line):
                in_footnotes = True
                footnotes.append(FOOTNOTE_START.sub("", line))
            elif in_footnotes:
                footnotes[-1] += " " + line
            else:
                flow.append(FOOTNOTE_CALL.sub("", line))
    return NoteText(flow="\n".join(flow), footnotes=footnotes)


def reference() -> NoteText:
    """The real note. Its footnotes sit in blocks between paragraphs, where pages ended."""
    text = REFERENCE_PATH.read_text(encoding="utf-8").replace("*", "")
    pages, current = [], []
    for line in text.splitlines():
        if FOOTNOTE_START.match(line.strip()):
            # A footnote ends its page; the flow goes on with the next one.
            current.append(line)
            pages.append(current)
            current = []
        else:
            current.append(line)
    pages.append(current)
    return _split(pages)


def pdf_text(data: bytes, *, symbol: str, page_label: str = "Page") -> NoteText:
    """The rendered PDF, page by page, without its running headers ("Página 2" in Spanish)."""
    pages = []
    page_line = re.compile(rf"{re.escape(page_label)} \d+")
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        lines = page.extract_text().splitlines()
        while lines and (lines[-1].strip() == symbol or page_line.fullmatch(lines[-1])):
            lines.pop()
        pages.append(lines)
    return _split(pages)


def similarity(a: NoteText, b: NoteText) -> float:
    return difflib.SequenceMatcher(a=a.words, b=b.words, autojunk=False).ratio()
