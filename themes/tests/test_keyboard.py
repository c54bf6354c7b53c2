"""A focal point casts the state's vote with the keyboard alone (WCAG 2.1.1)."""

import pytest
from playwright.sync_api import expect

from idm_portal.tests.keyboard import tab_to
from themes.models import Vote
from themes.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_focal_point_votes_with_the_keyboard_only(live_server, page, log_in, focal_point):
    consultation = ConsultationFactory(title="Overarching theme of IDM 2011")
    ProposalFactory(consultation=consultation, position=1, title="The future of migration")
    chosen = ProposalFactory(
        consultation=consultation, position=2, title="Migration and human security"
    )
    log_in(page, focal_point)
    page.goto(f"{live_server.url}/themes/{consultation.pk}/")

    tab_to(page, "input[type=radio]")
    # Arrow keys move through a radio group and select as they go.
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Migration and human security").is_checked()
    tab_to(page, "main form [type=submit]")
    page.keyboard.press("Enter")
    # The confirmation page says what the vote does; its button casts it.
    page.wait_for_url(f"{live_server.url}/themes/{consultation.pk}/vote/?*")
    tab_to(page, "main form [type=submit]")
    page.keyboard.press("Enter")

    expect(
        page.get_by_text("Your state's vote for “Migration and human security” is recorded.")
    ).to_be_visible()
    vote = Vote.objects.get(consultation=consultation)
    assert (vote.member_state, vote.proposal) == (focal_point.member_state, chosen)
