"""Word files made in the tests with python-docx, as an author types them.

python-docx has no API for footnotes: WordFile adds the footnotes part and the
`w:footnoteReference` runs through its lower-level OPC and oxml layers, as Word
itself stores them (ECMA-376 part 1, 17.11).
"""

import io

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


class WordFile:
    """A .docx being typed: paragraphs of runs, where a run is text, ("i", text) for
    italics, ("b", text) for bold, or ("footnote", text) for a footnote called there."""

    def __init__(self):
        self.document = docx.Document()
        self._footnotes = None
        self._next_footnote = 1

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, *runs, style: str | None = None) -> None:
        paragraph = self.document.add_paragraph(style=style)
        for run in runs:
            kind, text = ("", run) if isinstance(run, str) else run
            if kind == "footnote":
                self._footnote_call(paragraph, text)
            else:
                added = paragraph.add_run(text)
                added.italic = kind == "i" or None
                added.bold = kind == "b" or None

    def table(self, rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value

    def _footnote_call(self, paragraph, text: str) -> None:
        number = self._next_footnote
        self._next_footnote += 1
        footnotes = self._footnotes_element()
        footnotes.append(
            parse_xml(
                f'<w:footnote {nsdecls("w")} w:id="{number}"><w:p>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
            )
        )
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        properties.append(align)
        run.append(properties)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(number))
        run.append(reference)
        paragraph._p.append(run)

    def _footnotes_element(self):
        if self._footnotes is None:
            package = self.document.part.package
            self._footnotes = XmlPart(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                parse_xml(FOOTNOTES_XML),
                package,
            )
            self.document.part.relate_to(self._footnotes, RT.FOOTNOTES)
        return self._footnotes.element

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
