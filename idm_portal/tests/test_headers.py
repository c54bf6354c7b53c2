"""Headers of every response: CSP without inline script, Permissions-Policy, no-store for
signed-in pages and exports, no Server header."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from participants.tests.factories import RegistrationFactory
from reports.tests.factories import DiscussionNoteFactory

pytestmark = pytest.mark.django_db

TEMPLATE_DIRS = [Path(settings.BASE_DIR)]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


def test_pages_carry_a_policy_that_allows_no_inline_script(client):
    response = client.get("/")

    policy = _csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "Server" not in response


def test_no_template_has_an_inline_script_handler_or_style_attribute():
    offenders = []
    for app in ("templates", *settings.PORTAL_APPS):
        for template in (Path(settings.BASE_DIR) / app).rglob("*.html"):
            if "/print/" in str(template):
                continue  # WeasyPrint's print HTML; the preview allows its style block by hash
            if "email" in template.parent.name:
                continue  # e-mails: read by mail programs, which need inline styles
            text = template.read_text()
            for pattern in (INLINE_SCRIPT, INLINE_HANDLER, STYLE_ATTRIBUTE):
                offenders += [f"{template}: {m[0]}" for m in pattern.finditer(text)]

    assert offenders == []


def test_the_preview_frame_allows_exactly_its_own_style_block(client, secretariat_user):
    note = DiscussionNoteFactory()
    client.force_login(secretariat_user)

    response = client.get(f"/documents/{note.slug}/preview/document/")

    style_src = _csp(response)["style-src"]
    assert style_src[0] == "'self'"
    assert len(style_src) == 2
    assert style_src[1].startswith("'sha256-")
    assert _csp(response)["script-src"] == ["'self'"]


def test_signed_in_pages_and_exports_are_stored_by_no_cache(client, secretariat_user):
    meeting = RegistrationFactory().meeting
    client.force_login(secretariat_user)

    for url in (
        "/",
        f"/participants/meetings/{meeting.pk}/",
        f"/participants/meetings/{meeting.pk}/export.csv",
        f"/participants/meetings/{meeting.pk}/export.xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_public_pages_for_anonymous_visitors_stay_cacheable(client):
    assert "Cache-Control" not in client.get("/")
