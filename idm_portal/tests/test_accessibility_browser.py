"""WCAG 2.2 AA in a browser: axe-core finds nothing on any page of the three roles'
journeys, in English, French and Spanish, at desktop and phone widths.

Set A11Y_SCREENSHOTS to a folder to keep a screenshot of every page walked.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from .accessibility import AXE_SCRIPT, JOURNEYS, LANGUAGES, WIDTHS, Walk, page_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_ACCOUNTS = {
    "secretariat": ("secretariat", "idm-demo-secretariat"),
    "focal_point": ("focal.ghana", "idm-demo-focal-point"),
}


@pytest.fixture
def demo(db):
    assert AXE_SCRIPT.exists(), "axe-core is missing: run `npm ci` (or `make install`)"
    call_command("load_idm2010", stdout=io.StringIO())


def log_in_by_field_ids(page, base_url, username, password):
    """The login form in any language: its fields are found by id, not by their label;
    then the demo accounts' second factor, from their documented secret."""
    from django.core.cache import cache

    from accounts.tests.factories import totp_code
    from demo.accounts import DEMO_TOTP_SECRET

    page.goto(f"{base_url}/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/accounts/2fa/authenticate/")
    # A code is accepted once; the walk signs the same account in six times.
    cache.clear()
    page.locator("#id_code").fill(totp_code(DEMO_TOTP_SECRET))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(f"{base_url}/")


def screenshot_saver(label):
    folder = os.environ.get("A11Y_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)

    def save(page, path):
        name = path.strip("/").replace("/", "_") or "home"
        page.screenshot(path=f"{folder}/{label}-{name}.png", full_page=True)

    return save


@pytest.mark.parametrize("role", ["public", "focal_point", "secretariat"])
def test_every_page_of_a_journey_has_no_axe_violation(live_server, browser, demo, role):
    walked, violations, wrong_language = {}, [], []
    for language in LANGUAGES:
        for width in WIDTHS:
            label = f"{role}-{language}-{width}"
            # bypass_csp: axe-core is injected by the test, as an inline script the
            # portal's policy rightly refuses (idm_portal/tests/test_headers.py checks it).
            context = browser.new_context(
                locale=language, viewport={"width": width, "height": 900}, bypass_csp=True
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            if role in DEMO_ACCOUNTS:
                log_in_by_field_ids(page, live_server.url, *DEMO_ACCOUNTS[role])
            save = screenshot_saver(label)

            def check_page(page, path, language=language, label=label, save=save):
                if page.locator("html").get_attribute("lang") != language:
                    wrong_language.append(f"{label} {path}")
                if save:
                    save(page, path)

            walk = Walk(base_url=live_server.url)
            walk.run(page, JOURNEYS[role], label=label, on_page=check_page)
            walked[label] = walk.visited
            violations.extend(walk.violations)
            context.close()

    assert not violations, f"{len(violations)} axe-core violations:\n" + "\n".join(violations)
    assert not wrong_language, "pages not in the browser's language: " + ", ".join(wrong_language)
    # Every language and width saw the same kinds of page (lists sorted by translated
    # names may lead to another meeting or person first), beyond the entry pages.
    kinds = {label: frozenset(page_kind(path) for path in paths) for label, paths in walked.items()}
    assert len(set(kinds.values())) == 1, kinds
    assert len(next(iter(walked.values()))) > len(JOURNEYS[role])


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page):
    page.goto(f"{live_server.url}/meetings/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    # The next stop lies inside the main content, past the navigation.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
