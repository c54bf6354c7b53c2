"""Subscriptions to a meeting's or a year's documents, and the workshops app's e-mails,
received by a real SMTP server."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import UserFactory
from participants.tests.factories import FocalPointFactory, MemberStateFactory
from programme.services import speaker_suggestion_review
from programme.tests.factories import SpeakerSuggestionFactory
from workshops.models import Subscription
from workshops.services import (
    meeting_document_create,
    meeting_document_update,
    meeting_document_version_add,
)
from workshops.services.subscriptions import subscription_set
from workshops.tests.factories import PDF_BYTES, MeetingFactory

pytestmark = pytest.mark.django_db


def pdf():
    return SimpleUploadedFile("paper.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def meeting():
    return MeetingFactory(title="Workshop on diasporas")


@pytest.fixture
def followers(meeting):
    """One follows the meeting (in French), one its year, one another meeting."""
    of_meeting = UserFactory(language="fr")
    of_year = UserFactory()
    elsewhere = UserFactory()
    subscription_set(user=of_meeting, subscribed=True, meeting=meeting)
    subscription_set(user=of_year, subscribed=True, dialogue_year=meeting.dialogue_year)
    subscription_set(user=elsewhere, subscribed=True, meeting=MeetingFactory())
    return of_meeting, of_year, elsewhere


def test_a_public_document_is_announced_to_those_who_follow_its_meeting_or_year(
    meeting, followers, smtp_server, django_capture_on_commit_callbacks
):
    of_meeting, of_year, elsewhere = followers
    with django_capture_on_commit_callbacks(execute=True):
        document = meeting_document_create(
            meeting=meeting,
            by=None,
            kind="background_paper",
            title="Background paper",
            file=pdf(),
            visibility="public",
        )
    assert sorted(a for m in smtp_server.messages for a in m.to) == sorted(
        [of_meeting.email, of_year.email]
    )
    [french] = smtp_server.to(of_meeting.email)
    assert french.subject == "Nouveau document : Background paper"
    download = reverse("workshops:document_download", args=[document.pk])
    assert f"http://127.0.0.1:8000{download}" in french.text

    with django_capture_on_commit_callbacks(execute=True):
        meeting_document_version_add(document=document, by=None, file=pdf())
    assert len(smtp_server.to(of_year.email)) == 2
    assert smtp_server.to(elsewhere.email) == []


def test_a_staff_document_is_announced_only_once_made_public(
    meeting, followers, smtp_server, django_capture_on_commit_callbacks
):
    of_meeting, of_year, _elsewhere = followers
    with django_capture_on_commit_callbacks(execute=True):
        document = meeting_document_create(
            meeting=meeting, by=None, kind="other", title="Internal", file=pdf()
        )
        meeting_document_version_add(document=document, by=None, file=pdf())
    assert smtp_server.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        meeting_document_update(document=document, visibility="public")
        meeting_document_update(document=document, title="Internal, now public")
    assert sorted(a for m in smtp_server.messages for a in m.to) == sorted(
        [of_meeting.email, of_year.email]
    )


def test_a_reviewed_speaker_suggestion_goes_to_the_suggesting_states_focal_points(
    meeting, smtp_server, django_capture_on_commit_callbacks
):
    ghana = MemberStateFactory(country="GH", name="Ghana")
    ours = FocalPointFactory(member_state=ghana, language="es")
    theirs = FocalPointFactory(member_state=MemberStateFactory(country="KE", name="Kenya"))
    suggestion = SpeakerSuggestionFactory(meeting=meeting, member_state=ghana)
    with django_capture_on_commit_callbacks(execute=True):
        speaker_suggestion_review(
            suggestion=suggestion, by=None, status="accepted", note="Session II."
        )
        speaker_suggestion_review(suggestion=suggestion, by=None, status="used")
    assert smtp_server.to(theirs.email) == []
    first, second = smtp_server.to(ours.email)
    assert first.subject == "Su sugerencia ha sido examinada: Dr. Kofi Boateng"
    assert "Nota de la secretaría: Session II." in first.text
    assert "Kenya" not in first.whole
    assert "Nota de la secretaría" not in second.text


def test_subscribe_and_unsubscribe_from_the_meeting_and_year_pages(client, meeting):
    user = FocalPointFactory()
    client.force_login(user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "E-mail me new documents of this meeting" in page
    subscribe = reverse("workshops:meeting_subscribe", args=[meeting.pk])
    assert client.post(subscribe, {"action": "subscribe"}).url == meeting.get_absolute_url()
    client.post(subscribe, {"action": "subscribe"})  # a double click
    assert Subscription.objects.filter(user=user, meeting=meeting).count() == 1
    assert (
        "Stop e-mails about new documents"
        in client.get(meeting.get_absolute_url()).content.decode()
    )
    client.post(subscribe, {"action": "unsubscribe"})
    assert not Subscription.objects.filter(user=user).exists()

    year_url = reverse("workshops:year_detail", args=[meeting.dialogue_year.year])
    assert "E-mail me new documents of this year" in client.get(year_url).content.decode()
    client.post(reverse("workshops:year_subscribe", args=[meeting.dialogue_year.year]))
    assert Subscription.objects.get(user=user).dialogue_year == meeting.dialogue_year


def test_anonymous_visitors_see_no_subscribe_button_and_are_sent_to_log_in(client, meeting):
    assert 'data-testid="subscribe"' not in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(reverse("workshops:meeting_subscribe", args=[meeting.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Subscription.objects.exists()
    assert client.get(reverse("workshops:meeting_subscribe", args=[meeting.pk])).status_code == 302


@pytest.mark.parametrize("role", ["focal point of A", "focal point of B", "observer", "staff"])
def test_every_signed_in_role_may_follow_a_meeting(client, meeting, secretariat_user, role):
    from participants.models import MemberState

    users = {
        "focal point of A": lambda: FocalPointFactory(member_state__country="GH"),
        "focal point of B": lambda: FocalPointFactory(member_state__country="KE"),
        "observer": lambda: FocalPointFactory(
            member_state__country="QA", member_state__status=MemberState.Status.OBSERVER
        ),
        "staff": lambda: secretariat_user,
    }
    user = users[role]()
    client.force_login(user)
    response = client.post(reverse("workshops:meeting_subscribe", args=[meeting.pk]))
    assert response.status_code == 302
    assert list(Subscription.objects.values_list("user", "meeting")) == [(user.pk, meeting.pk)]
    # What one follows is nobody else's business: the page shows one's own choice only.
    client.force_login(FocalPointFactory(member_state__country="FR"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "E-mail me new documents of this meeting" in page
