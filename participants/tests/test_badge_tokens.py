import pytest

from participants.badges import BadgeToken, BadgeTokenInvalid, badge_token, badge_token_read

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_badge_token_names_its_meeting_and_registration():
    registration = RegistrationFactory()

    token = badge_token(registration=registration)

    assert str(registration.pk) != token
    assert badge_token_read(token) == BadgeToken(
        meeting_id=registration.meeting_id, registration_id=registration.pk
    )


@pytest.mark.parametrize("text", ["", "12", "[1, 2]", "not a badge", "WyJ4IiwxXQ:1:abc"])
def test_text_that_is_no_signed_badge_is_refused(text):
    with pytest.raises(BadgeTokenInvalid):
        badge_token_read(text)


def test_a_tampered_token_is_refused():
    token = badge_token(registration=RegistrationFactory())
    payload, signature = token.split(":", 1)

    with pytest.raises(BadgeTokenInvalid):
        badge_token_read(payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + signature)
