import pytest

from participants.models import Registration
from participants.tests.factories import MemberStateFactory, RegistrationFactory
from workshops.tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_registers_a_participant_and_checks_in_another(
    live_server, page, log_in, secretariat_user
):
    ghana = MemberStateFactory(country="GH", name="Ghana")
    meeting = MeetingFactory(title="Migration and transnationalism")
    arriving = RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        participant__first_name="Kwame",
        participant__last_name="Osei",
        participant__honorific="Mr.",
    )
    log_in(page, secretariat_user)

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Register a participant").click()
    page.get_by_label("Honorific").fill("Ms.")
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Silva")
    page.get_by_label("Email").fill("ana.silva@example.org")
    page.get_by_label("Category").select_option("government")
    page.get_by_label("Member state represented").select_option(label="Ghana")
    page.get_by_role("button", name="Register", exact=True).click()

    assert page.get_by_text("Ms. Ana Silva is registered.").is_visible()
    assert page.get_by_role("link", name="Ms. Ana Silva").is_visible()

    page.get_by_role("link", name="Check-in").click()
    page.get_by_label("Name, organization or country").fill("osei")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Check in Mr. Kwame Osei").click()

    assert page.get_by_text("Mr. Kwame Osei is checked in.").is_visible()
    assert page.get_by_test_id("attended-count").inner_text() == "1 of 2 checked in"
    arriving.refresh_from_db()
    assert arriving.status == Registration.Status.ATTENDED
    registered = Registration.objects.get(participant__email="ana.silva@example.org")
    assert (registered.member_state, registered.status) == (ghana, "registered")
