"""Registration and check-in with the keyboard alone (WCAG 2.1.1)."""

import pytest
from playwright.sync_api import expect

from idm_portal.tests.keyboard import tab_to
from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from workshops.tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_registers_a_participant_with_the_keyboard_only(
    live_server, page, log_in, secretariat_user, ghana
):
    meeting = MeetingFactory(title="Migration and transnationalism")
    log_in(page, secretariat_user)
    page.goto(f"{live_server.url}/participants/meetings/{meeting.pk}/register/")

    tab_to(page, "#id_honorific")
    page.keyboard.type("Ms.")
    tab_to(page, "#id_first_name")
    page.keyboard.type("Ana")
    tab_to(page, "#id_last_name")
    page.keyboard.type("Silva")
    tab_to(page, "#id_email")
    page.keyboard.type("ana.silva@example.org")
    tab_to(page, "#id_category")
    page.keyboard.type("Government")
    tab_to(page, "#id_member_state")
    page.keyboard.type("Ghana")
    tab_to(page, "main form [type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Ms. Ana Silva is registered.")).to_be_visible()
    registration = Registration.objects.get(participant__email="ana.silva@example.org")
    assert (registration.meeting, registration.member_state, registration.category) == (
        meeting,
        ghana,
        "government",
    )


def test_the_secretariat_checks_a_participant_in_with_the_keyboard_only(
    live_server, page, log_in, secretariat_user, ghana
):
    meeting = MeetingFactory()
    arriving = RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        participant__honorific="Mr.",
        participant__first_name="Kwame",
        participant__last_name="Osei",
    )
    RegistrationFactory(meeting=meeting, participant__last_name="Mensah")
    log_in(page, secretariat_user)
    page.goto(f"{live_server.url}/participants/meetings/{meeting.pk}/check-in/")

    # The badge field has the focus on arrival (a hand scanner types into it at once);
    # the search by name is the next field.
    assert page.evaluate("document.activeElement.id") == "badge-token"
    tab_to(page, "#check-in-search")
    page.keyboard.type("osei")
    page.keyboard.press("Enter")
    page.wait_for_url("**?q=osei")
    tab_to(page, "li.list-group-item form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Mr. Kwame Osei is checked in.")).to_be_visible()
    arriving.refresh_from_db()
    assert arriving.status == Registration.Status.ATTENDED
    expect(page.get_by_test_id("attended-count")).to_have_text("1 of 2 checked in")
