"""HTML → PDF with WeasyPrint: A4, PDF/A-3a (tagged), fonts embedded, nothing fetched.

The HTML carries its own stylesheet and uses fonts installed on the machine
(Liberation Serif, DejaVu for the rare glyphs it lacks), so the fetcher may
refuse every URL: a document can never reach the network or read files.

WeasyPrint itself (about half a second and 40 MB to import) is loaded by the
first render, in reports.pdf_weasyprint, not by every process that imports this.
"""

from dataclasses import dataclass
from importlib.metadata import version

# PDF/A-3a is archival PDF whose "a" level requires a tagged structure.
PDF_OPTIONS = {"pdf_variant": "pdf/a-3a", "pdf_tags": True}
# Part of each content hash: changing how PDFs are made renders everything anew.
PIPELINE_VERSION = f"weasyprint-{version('weasyprint')}-{sorted(PDF_OPTIONS.items())}"


class ExternalResourceRefused(Exception):
    """A document asked for a URL; documents are self-contained, so the render stops."""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    page_count: int


def html_to_pdf(html: str) -> Pdf:
    """Raises ExternalResourceRefused if the HTML refers to anything outside itself."""
    from .pdf_weasyprint import render

    return render(html)
