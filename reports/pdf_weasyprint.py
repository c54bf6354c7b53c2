"""The WeasyPrint side of reports.pdf, imported by the first render only."""

import threading

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .pdf import PDF_OPTIONS, ExternalResourceRefused, Pdf


class _Refusal(FatalURLFetchingError):
    """Fatal, so WeasyPrint stops instead of leaving the resource out (a BaseException)."""


class RefusingURLFetcher(URLFetcher):
    """Documents are self-contained; any URL is a mistake and stops the render."""

    def fetch(self, url, headers=None):
        raise _Refusal(f"Documents may not load external resources ({url}).")


_per_thread = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread, kept for the process's life.

    WeasyPrint creates a new one for each document unless given one, and the
    fontconfig/Pango state of each is never freed: a worker grew by about
    0.2 MiB a render. Documents here declare no @font-face, so sharing is safe.
    """
    if not hasattr(_per_thread, "font_config"):
        _per_thread.font_config = FontConfiguration()
    return _per_thread.font_config


def render(html: str) -> Pdf:
    try:
        document = weasyprint.HTML(string=html, url_fetcher=RefusingURLFetcher()).render(
            font_config=_font_config(), **PDF_OPTIONS
        )
        data = document.write_pdf(**PDF_OPTIONS)
    except _Refusal as refusal:
        raise ExternalResourceRefused(str(refusal)) from None
    return Pdf(data=data, page_count=len(document.pages))
