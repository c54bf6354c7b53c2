import pytest

from accounts.tests.factories import SecretariatUserFactory
from themes.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_focal_point_votes_and_changes_the_vote_while_the_secretariat_watches_turnout(
    live_server, browser, page, log_in, ghana_focal_point, kenya_focal_point
):
    # The secretariat follows each state's vote live only where the consultation says so.
    consultation = ConsultationFactory(
        title="Overarching theme of IDM 2011", votes_public_while_open=True
    )
    ProposalFactory(consultation=consultation, position=1, title="The future of migration")
    ProposalFactory(consultation=consultation, position=2, title="Migration and human security")
    secretariat_context = browser.new_context()
    secretariat_page = secretariat_context.new_page()
    log_in(secretariat_page, SecretariatUserFactory())
    secretariat_page.goto(f"{live_server.url}/themes/{consultation.pk}/manage/")
    turnout = secretariat_page.get_by_test_id("turnout")
    assert turnout.inner_text() == "0 of 2 member states"

    log_in(page, ghana_focal_point)
    page.get_by_role("link", name="Theme consultation").click()
    page.get_by_role("link", name="Overarching theme of IDM 2011").click()
    page.get_by_label("The future of migration").check()
    page.get_by_role("button", name="Cast my state's vote").click()
    assert (
        page.get_by_test_id("consequences")
        .inner_text()
        .startswith("Your state's one vote will be for “The future of migration”.")
    )
    secretariat_page.reload()
    assert turnout.inner_text() == "0 of 2 member states"
    page.get_by_role("button", name="Confirm the vote for “The future of migration”").click()

    assert page.get_by_text(
        "Your state's vote for “The future of migration” is recorded."
    ).is_visible()
    assert (
        page.get_by_test_id("state-vote")
        .inner_text()
        .startswith("Your state voted for “The future of migration” (cast by Ama Mensah")
    )
    secretariat_page.reload()
    assert turnout.inner_text() == "1 of 2 member states"

    page.get_by_label("Migration and human security").check()
    page.get_by_role("button", name="Change my state's vote").click()
    assert "It replaces your state's vote for “The future of migration”." in (
        page.get_by_test_id("consequences").inner_text()
    )
    page.get_by_role("button", name="Confirm the vote for “Migration and human security”").click()

    assert page.get_by_text(
        "Your state's vote is now for “Migration and human security”."
    ).is_visible()
    assert (
        page.get_by_test_id("state-vote")
        .inner_text()
        .startswith("Your state voted for “Migration and human security”")
    )
    secretariat_page.reload()
    assert turnout.inner_text() == "1 of 2 member states"
    secretariat_page.get_by_role("link", name="Vote history").click()
    assert secretariat_page.get_by_test_id("vote-event").count() == 2
    secretariat_context.close()
