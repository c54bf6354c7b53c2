"""A focal point withdraws their state's unreviewed suggestion; the review form chooses nothing."""

import re

import pytest
from django.core.exceptions import ValidationError

from participants.models import MemberState
from participants.tests.factories import FocalPointFactory, MemberStateFactory
from programme.models import SpeakerSuggestion
from programme.services import speaker_suggestion_review, speaker_suggestion_withdraw
from programme.tests.factories import SpeakerSuggestionFactory

pytestmark = pytest.mark.django_db

NOT_YOURS = "Only a focal point of the suggesting state can withdraw it."
REVIEWED = "The Administration has reviewed this suggestion: it can no longer be withdrawn."


@pytest.fixture
def ghana_focal_point():
    return FocalPointFactory(member_state=MemberStateFactory(country="GH", name="Ghana"))


@pytest.fixture
def ghana_suggestion(ghana_focal_point):
    return SpeakerSuggestionFactory(
        member_state=ghana_focal_point.member_state, submitted_by=ghana_focal_point
    )


@pytest.fixture
def others():
    observer = MemberStateFactory(country="QA", name="Qatar", status=MemberState.Status.OBSERVER)
    return [
        FocalPointFactory(member_state=MemberStateFactory(country="KE", name="Kenya")),
        FocalPointFactory(member_state=observer),
    ]


def test_a_focal_point_withdraws_a_pending_suggestion_after_confirming(
    client, ghana_focal_point, ghana_suggestion
):
    url = f"/meetings/suggestions/{ghana_suggestion.pk}/withdraw/"
    client.force_login(ghana_focal_point)

    listing = client.get("/meetings/suggestions/").content.decode()
    confirmation = client.get(url).content.decode()
    still_there = SpeakerSuggestion.objects.filter(pk=ghana_suggestion.pk).exists()
    done = client.get(client.post(url).url).content.decode()

    assert f'href="{url}"' in listing
    assert "It is deleted: the Administration no longer sees it for" in confirmation
    assert re.findall(r'<form method="post" action="([^"]+)"', confirmation)[-1] == url
    assert still_there
    assert "Your suggestion “Dr. Kofi Boateng” is withdrawn." in done
    assert not SpeakerSuggestion.objects.filter(pk=ghana_suggestion.pk).exists()


def test_a_colleague_of_the_same_state_may_withdraw_it(ghana_focal_point, ghana_suggestion):
    colleague = FocalPointFactory(member_state=ghana_focal_point.member_state)

    speaker_suggestion_withdraw(suggestion_id=ghana_suggestion.pk, by=colleague)

    assert not SpeakerSuggestion.objects.exists()


def test_another_states_suggestion_is_refused(client, ghana_suggestion, others):
    url = f"/meetings/suggestions/{ghana_suggestion.pk}/withdraw/"
    pages = []
    for user in others:
        with pytest.raises(ValidationError) as refused:
            speaker_suggestion_withdraw(suggestion_id=ghana_suggestion.pk, by=user)
        assert refused.value.messages == [NOT_YOURS]
        client.force_login(user)
        pages.append(client.get(client.get(url).url).content.decode())
        client.post(url)

    assert all(NOT_YOURS in page for page in pages)
    assert SpeakerSuggestion.objects.filter(pk=ghana_suggestion.pk).exists()


def test_a_reviewed_suggestion_cannot_be_withdrawn(client, ghana_focal_point, ghana_suggestion):
    speaker_suggestion_review(suggestion=ghana_suggestion, by=None, status="accepted")
    client.force_login(ghana_focal_point)

    with pytest.raises(ValidationError) as refused:
        speaker_suggestion_withdraw(suggestion_id=ghana_suggestion.pk, by=ghana_focal_point)
    listing = client.get("/meetings/suggestions/").content.decode()
    page = client.get(client.post(f"/meetings/suggestions/{ghana_suggestion.pk}/withdraw/").url)

    assert refused.value.messages == [REVIEWED]
    assert "/withdraw/" not in listing
    assert REVIEWED in page.content.decode()
    assert SpeakerSuggestion.objects.get().status == SpeakerSuggestion.Status.ACCEPTED


def test_who_may_open_the_withdrawal_page(
    client, ghana_focal_point, ghana_suggestion, others, secretariat_user
):
    url = f"/meetings/suggestions/{ghana_suggestion.pk}/withdraw/"

    anonymous = client.get(url)
    client.force_login(ghana_focal_point)
    own = client.get(url)
    statuses = []
    for user in others:
        client.force_login(user)
        statuses.append(client.get(url).status_code)
    client.force_login(secretariat_user)
    secretariat = [client.get(url).status_code, client.post(url).status_code]

    assert anonymous.status_code == 302
    assert anonymous.url.startswith("/accounts/login/")
    assert own.status_code == 200
    assert statuses == [302, 302]
    assert secretariat == [403, 403]
    assert SpeakerSuggestion.objects.filter(pk=ghana_suggestion.pk).exists()


def test_withdrawing_an_unknown_suggestion_is_404(client, ghana_focal_point):
    client.force_login(ghana_focal_point)

    assert client.get("/meetings/suggestions/999999/withdraw/").status_code == 404
    assert client.post("/meetings/suggestions/999999/withdraw/").status_code == 404


def test_reviewing_a_withdrawn_suggestion_is_404(
    client, secretariat_user, ghana_focal_point, ghana_suggestion
):
    pk = ghana_suggestion.pk
    speaker_suggestion_withdraw(suggestion_id=pk, by=ghana_focal_point)
    client.force_login(secretariat_user)

    response = client.post(f"/meetings/suggestions/{pk}/review/", {"status": "accepted"})

    assert response.status_code == 404


def test_the_review_form_chooses_no_decision(client, secretariat_user, ghana_suggestion):
    client.force_login(secretariat_user)

    page = client.get("/meetings/suggestions/review/").content.decode()
    refused = client.post(
        f"/meetings/suggestions/{ghana_suggestion.pk}/review/", {"status": "", "note": "Hm"}
    )

    select = re.search(r'<select name="status".*?</select>', page, re.S).group(0)
    assert re.findall(r"<option[^>]*selected", select) == ['<option value="" selected']
    assert "Choose accept, decline or mark as used." in client.get(refused.url).content.decode()
    ghana_suggestion.refresh_from_db()
    assert ghana_suggestion.status == SpeakerSuggestion.Status.SUBMITTED
    assert ghana_suggestion.reviewed_at is None
