import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.tests.factories import SecretariatUserFactory, totp_code
from participants.tests.factories import MemberStateFactory
from themes.models import Vote
from themes.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invited_focal_point_sets_a_password_enrols_an_app_and_votes(
    live_server, browser, page, log_in, mailbox
):
    state = MemberStateFactory(name="Peru", country="PE")
    consultation = ConsultationFactory(title="Overarching theme of IDM 2011")
    ProposalFactory(consultation=consultation, position=1, title="The future of migration")
    ProposalFactory(consultation=consultation, position=2, title="Migration and health")
    log_in(page, SecretariatUserFactory())

    page.get_by_role("link", name="Focal points").click()
    page.get_by_role("link", name="Peru").click()
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("López")
    page.get_by_label("E-mail").fill("ana.lopez@example.org")
    page.get_by_label("Language*").select_option("en")
    page.get_by_role("button", name="Send the invitation").click()

    assert page.get_by_text("An invitation was sent to ana.lopez@example.org.").is_visible()
    assert page.get_by_test_id("invitation").inner_text().startswith("Ana López")
    [message] = mailbox
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"(http://\S+/accounts/invitation/\S+/)", text).group(1)

    invited = browser.new_context().new_page()
    invited.goto(link)
    assert invited.get_by_text("You are invited as a focal point of Peru.").is_visible()
    invited.get_by_label("Password*", exact=True).fill("a-strong-passphrase-42")
    invited.get_by_label("Password (again)").fill("a-strong-passphrase-42")
    invited.get_by_role("button", name="Create my account").click()

    invited.wait_for_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    secret = invited.get_by_label("Authenticator secret").input_value()
    invited.get_by_label("Authenticator code").fill(totp_code(secret))
    invited.get_by_role("button", name="Activate").click()
    invited.wait_for_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
    invited.get_by_role("button", name="Log out").click()

    invited.goto(f"{live_server.url}/accounts/login/")
    invited.get_by_label("Username").fill("ana.lopez@example.org")
    invited.get_by_label("Password").fill("a-strong-passphrase-42")
    invited.get_by_role("button", name="Log in").click()
    cache.clear()  # the enrolment's code may still be current; a person would wait for the next
    invited.get_by_label("Code").fill(totp_code(secret))
    invited.get_by_role("button", name="Sign In").click()
    invited.wait_for_url(f"{live_server.url}/")
    assert invited.get_by_test_id("who").inner_text() == "Ana López, focal point of Peru"
    invited.get_by_role("link", name="Theme consultation").click()
    invited.get_by_role("link", name="Overarching theme of IDM 2011").click()
    invited.get_by_label("The future of migration").check()
    invited.get_by_role("button", name="Cast my state's vote").click()
    # The confirmation page says what the vote does; its button casts it.
    invited.get_by_role("button", name="Confirm the vote for “The future of migration”").click()

    expect(
        invited.get_by_text("Your state's vote for “The future of migration” is recorded.")
    ).to_be_visible()
    vote = Vote.objects.get()
    assert (vote.member_state, vote.cast_by.username) == (state, "ana.lopez@example.org")

    page.reload()
    assert page.get_by_test_id("account").inner_text().startswith("Ana López")
    assert page.get_by_test_id("account-event").count() == 3  # invited, accepted, enrolled
    invited.context.close()
