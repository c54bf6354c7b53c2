"""A published note is announced to those who follow its meeting or year."""

import pytest

from accounts.tests.factories import UserFactory
from reports.services import note_publish
from reports.tests.factories import DiscussionNoteFactory
from workshops.services.subscriptions import subscription_set
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_published_note_is_announced_to_the_followers_of_its_meeting(
    smtp_server, django_capture_on_commit_callbacks, secretariat_user
):
    meeting = MeetingFactory()
    of_meeting = UserFactory(language="fr")
    of_year = UserFactory()
    elsewhere = UserFactory()
    subscription_set(user=of_meeting, subscribed=True, meeting=meeting)
    subscription_set(user=of_year, subscribed=True, dialogue_year=meeting.dialogue_year)
    subscription_set(user=elsewhere, subscribed=True, meeting=MeetingFactory())
    note = DiscussionNoteFactory(meeting=meeting, symbol="IC/2010/5", body="A paragraph.")
    with django_capture_on_commit_callbacks(execute=True):
        note_publish(note=note, by=secretariat_user)
    assert {(m.to[0], m.subject) for m in smtp_server.messages} == {
        (of_year.email, "New document: IC/2010/5 International Dialogue on Migration 2010"),
        (of_meeting.email, "Nouveau document : IC/2010/5 International Dialogue on Migration 2010"),
    }
    assert "/documents/IC-2010-5/" in smtp_server.to(of_year.email)[0].text
