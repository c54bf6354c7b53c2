"""Each sign-in flow end to end through the pages, with e-mail read from a real SMTP server."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache

from accounts.models import AccountEvent, User
from accounts.tests.factories import SecretariatUserFactory, totp_code
from participants.tests.factories import FocalPointFactory, MemberStateFactory
from themes.models import Vote
from themes.tests.factories import ConsultationFactory, ProposalFactory

# Mail leaves on commit, so these tests commit as the real portal does.
pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, pattern):
    text = message.get_body(("plain",)).get_content()
    return re.search(rf"http://testserver(/accounts/{pattern}/\S+)", text).group(1)


def test_invitation_password_second_factor_sign_in_and_vote(client, mailbox):
    state = MemberStateFactory(name="Peru", country="PE")
    consultation = ConsultationFactory()
    proposal = ProposalFactory(consultation=consultation, position=1, title="Future of migration")
    ProposalFactory(consultation=consultation, position=2, title="Migration and health")
    client.force_login(SecretariatUserFactory())

    response = client.post(
        f"/participants/focal-points/{state.pk}/",
        {
            "first_name": "Ana",
            "last_name": "López",
            "email": "ana.lopez@example.org",
            "language": "fr",
        },
    )

    assert response.status_code == 302
    [invitation_mail] = mailbox
    assert invitation_mail["To"] == "ana.lopez@example.org"
    assert invitation_mail["Subject"] == "Votre invitation au Portail du DIM"
    html = invitation_mail.get_body(("html",)).get_content()
    assert "point focal du Pérou" in html or "point focal de Peru" in html
    link = link_in(invitation_mail, "invitation")
    client.logout()

    assert "Ana López" in client.get(link).content.decode()
    response = client.post(
        link, {"password1": "a-strong-passphrase-42", "password2": "a-strong-passphrase-42"}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    user = User.objects.get(username="ana.lopez@example.org")
    # Until the second factor is enrolled, every page leads to enrolment.
    assert client.get(f"/themes/{consultation.pk}/").url == "/accounts/2fa/totp/activate/"

    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200, page
    secret = re.search(r'value="([A-Z2-7]{32})"', page.content.decode()).group(1)
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=user).count() == 2  # the app and recovery codes
    codes = client.get("/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert "Recovery Codes" in codes.content.decode()
    assert client.get(f"/themes/{consultation.pk}/").status_code == 200
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"login": user.username, "password": "a-strong-passphrase-42"})
    cache.clear()  # the enrolment code may still be in its 30 seconds: a new one counts
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.url == "/"
    response = client.post(f"/themes/{consultation.pk}/vote/", {"proposal": proposal.pk})

    assert response.status_code == 302
    vote = Vote.objects.get()
    assert (vote.member_state, vote.proposal, vote.cast_by) == (state, proposal, user)
    assert list(
        AccountEvent.objects.filter(user=user).order_by("pk").values_list("action", flat=True)
    ) == ["invitation_accepted", "mfa_enrolled"]


def test_password_reset_by_e_mail_in_the_users_language(client, mailbox):
    user = FocalPointFactory(email="kofi@example.org", language="es")

    response = client.post("/accounts/password/reset/", {"email": "KOFI@example.org"})

    assert response.status_code == 302
    [message] = mailbox
    assert message["To"] == "kofi@example.org"
    assert message["Subject"] == "Restablezca su contraseña del Portal del DIM"
    assert f"Su nombre de usuario es {user.username}." in message.get_body(("plain",)).get_content()
    link = link_in(message, "password/reset/key")
    page = client.get(link, follow=True)
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-7")
    assert AccountEvent.objects.filter(user=user, action="password_reset").count() == 1


def test_a_reset_for_an_unknown_address_mails_nobody(client, mailbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mailbox == []


def test_lockout_after_repeated_failures_and_the_way_out_by_reset(client, mailbox, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "20/15m/ip,3/15m/key"}
    user = FocalPointFactory(email="kofi@example.org")

    for _attempt in range(3):
        page = client.post("/accounts/login/", {"login": user.username, "password": "wrong"})
        assert "are not correct" in page.content.decode()
    blocked = client.post(
        "/accounts/login/", {"login": user.username, "password": "a-test-password-123"}
    )

    assert "Too many failed sign-in attempts" in blocked.content.decode()
    assert "reset your password by e-mail" in blocked.content.decode()
    assert "_auth_user_id" not in client.session

    client.post("/accounts/password/reset/", {"email": "kofi@example.org"})
    link = link_in(mailbox[0], "password/reset/key")
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"},
    )
    response = client.post(
        "/accounts/login/", {"login": user.username, "password": "a-brand-new-passphrase-7"}
    )

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"


def test_failures_from_one_address_are_limited_across_accounts(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "4/15m/ip,3/15m/key"}
    first, second = FocalPointFactory(), FocalPointFactory()

    for user in (first, first, second, second):
        client.post("/accounts/login/", {"login": user.username, "password": "wrong"})
    blocked = client.post(
        "/accounts/login/",
        {"login": FocalPointFactory().username, "password": "a-test-password-123"},
    )

    assert "Too many failed sign-in attempts" in blocked.content.decode()


def test_wrong_codes_are_limited_too(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "20/15m/ip,3/15m/key"}
    user = FocalPointFactory()
    client.post("/accounts/login/", {"login": user.username, "password": "a-test-password-123"})

    for _attempt in range(3):
        page = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert "Incorrect code." in page.content.decode()
    page = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})

    assert "Too many failed sign-in attempts" in page.content.decode()
    assert "_auth_user_id" not in client.session
