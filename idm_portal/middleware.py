"""Requests the portal refuses before any view sees them, with a page that says why.

One place instead of a check in every view: a NUL character cannot be stored
in PostgreSQL text (the driver raises), a number above 64 bits names nothing,
an address of thousands of characters is never a link the portal made (a
search of a thousand words is too deep an SQL expression for SQLite), and a
body larger than the largest upload allowed is refused from its
Content-Length, before a byte of it is read.
"""

import re

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def request_body_max_bytes() -> int:
    """The largest upload allowed, plus room for the other fields of its form."""
    return (settings.MEETING_DOCUMENT_MAX_MB + settings.REQUEST_BODY_MARGIN_MB) * 1024 * 1024


def _content_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


# The largest integer the databases store (64 bits); an id beyond it names nothing, and
# SQLite's driver raises OverflowError instead of finding nothing.
LARGEST_ID = 2**63 - 1
NUMBER = re.compile(r"-?[0-9]+")


def _has_nul(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


def _has_huge_number(query_dict) -> bool:
    return any(
        NUMBER.fullmatch(value) and abs(int(value)) > LARGEST_ID
        for _key, values in query_dict.lists()
        for value in values
    )


def _is_form_post(request) -> bool:
    content_type = request.META.get("CONTENT_TYPE", "")
    return request.method == "POST" and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    )


class StrangeInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is not None:
            status, message = refusal
            return render(request, "refused_request.html", {"message": message}, status=status)
        return self.get_response(request)

    def _refusal(self, request) -> tuple[int, str] | None:
        length = _content_length(request)
        if length > request_body_max_bytes():
            return 413, _(
                "What was sent is %(size)s MB, more than the portal accepts (%(limit)s MB). "
                "Send a smaller file."
            ) % {
                "size": round(length / (1024 * 1024), 1),
                "limit": settings.MEETING_DOCUMENT_MAX_MB,
            }
        if NUL in request.path_info:
            return 400, _("The address contains a NUL character, which no page of the portal has.")
        if len(request.META.get("QUERY_STRING", "")) > settings.REQUEST_QUERY_MAX_CHARS:
            return 400, _(
                "The address is longer than %(limit)s characters. Shorten the search or the "
                "filters and try again."
            ) % {"limit": settings.REQUEST_QUERY_MAX_CHARS}
        if _has_nul(request.GET) or (_is_form_post(request) and _has_nul(request.POST)):
            return 400, _(
                "What was sent contains a NUL character, which the portal cannot store. "
                "Remove it and try again."
            )
        if _has_huge_number(request.GET):
            return 400, _("A number in the address is larger than any the portal stores.")
        return None


# Features no page of the portal uses, so that no injected content can use them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Headers every response carries (Content-Security-Policy comes from django-csp).

    A page for a signed-in user shows personal data (at least their name), so it
    is stored by no cache, shared or private, unless its view chose otherwise (a
    public PDF). The app names no server software.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Cache-Control" not in response and _signed_in(request):
            response["Cache-Control"] = "private, no-store"
        if "Server" in response:
            del response["Server"]
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
