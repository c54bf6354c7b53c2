"""Error pages in the portal's layout: a short message in the reader's language and
a way back, never a stack trace nor an internal detail."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# Served when even the error template cannot be rendered; no markup that could fail.
LAST_RESORT_500 = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Server error</title></head>"
    "<body><h1>Server error</h1><p>Something went wrong on our side. Please try again "
    "later.</p><p><a href='/'>Home page</a></p></body></html>"
)


def server_error(request, template_name="500.html"):
    """handler500: renders without the request, so without context processors, the
    user or the session, any of which may be what failed (a database that is down)."""
    try:
        body = loader.get_template(template_name).render({"bare": True})
    except Exception:
        logger.exception("The 500 page could not be rendered")
        body = LAST_RESORT_500
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the reason stays in the log; the reader is told what to do."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
