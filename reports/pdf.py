"""HTML → PDF with WeasyPrint: A4, PDF/A-3a (tagged), fonts embedded, nothing fetched.

The HTML carries its own stylesheet and uses fonts installed on the machine
(Liberation Serif, DejaVu for the rare glyphs it lacks), so the fetcher may
refuse every URL: a document can never reach the network or read files.

WeasyPrint (about half a second and 40 MB to import) is imported by the first
render, inside the functions below, never at module level: ruff's banned
module-level import rule (TID253) keeps it that way for the whole project.
"""

import functools
import threading
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


@functools.cache
def _refusing_fetcher_classes():
    """The fetcher that refuses every URL, and its fatal error (made once, on first use)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Refusal(FatalURLFetchingError):
        """Fatal, so WeasyPrint stops instead of leaving the resource out."""

    class RefusingURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise Refusal(f"Documents may not load external resources ({url}).")

    return RefusingURLFetcher, Refusal


_per_thread = threading.local()


def _font_config():
    """One font configuration per thread, kept for the process's life.

    WeasyPrint creates a new one for each document unless given one, and the
    fontconfig/Pango state of each is never freed: a worker grew by about
    0.2 MiB a render. Documents here declare no @font-face, so sharing is safe.
    """
    if not hasattr(_per_thread, "font_config"):
        from weasyprint.text.fonts import FontConfiguration

        _per_thread.font_config = FontConfiguration()
    return _per_thread.font_config


def html_to_pdf(html: str) -> Pdf:
    """Raises ExternalResourceRefused if the HTML refers to anything outside itself."""
    import weasyprint

    fetcher_class, refusal = _refusing_fetcher_classes()
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher_class()).render(
            font_config=_font_config(), **PDF_OPTIONS
        )
        data = document.write_pdf(**PDF_OPTIONS)
    except refusal as error:
        raise ExternalResourceRefused(str(error)) from None
    return Pdf(data=data, page_count=len(document.pages))
