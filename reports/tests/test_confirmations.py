"""Publishing a note or a list of participants asks for confirmation on a page first."""

import re

import pytest

from participants.models import MemberState
from participants.tests.factories import FocalPointFactory, MemberStateFactory
from reports.models import DiscussionNote
from reports.tests.factories import DiscussionNoteFactory

pytestmark = pytest.mark.django_db


def post_forms(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="([^"]+)"', html)


@pytest.fixture
def role_users(db, secretariat_user):
    """Everyone but the secretariat is refused: two states' focal points and an observer's."""
    observer = MemberStateFactory(country="QA", name="Qatar", status=MemberState.Status.OBSERVER)
    return {
        "ghana": FocalPointFactory(member_state=MemberStateFactory(country="GH", name="Ghana")),
        "kenya": FocalPointFactory(member_state=MemberStateFactory(country="KE", name="Kenya")),
        "observer": FocalPointFactory(member_state=observer),
        "secretariat": secretariat_user,
    }


def statuses_by_role(client, url, role_users):
    client.logout()
    anonymous = client.get(url)
    statuses = {"anonymous": (anonymous.status_code, anonymous.url.split("?")[0])}
    for role, user in role_users.items():
        client.force_login(user)
        statuses[role] = client.get(url).status_code
    return statuses


def test_the_meeting_page_links_to_a_confirmation_that_publishes_nothing(
    client, secretariat_user, participant_list
):
    url = f"/documents/renders/{participant_list.pk}/publish/"
    client.force_login(secretariat_user)

    meeting_page = client.get(participant_list.meeting.get_absolute_url()).content.decode()
    html = client.get(url).content.decode()

    assert f'href="{url}"' in meeting_page
    assert url not in post_forms(meeting_page)
    assert (
        "Anyone, without logging in, can download the list of participants of "
        "“Migration and social change” from the meeting&#x27;s page."
    ) in html
    assert "It shows personal data" in html
    assert post_forms(html)[-1] == url
    participant_list.refresh_from_db()
    assert participant_list.published_at is None

    client.post(url)
    participant_list.refresh_from_db()
    assert participant_list.published_at is not None


def test_who_may_see_the_list_publishing_confirmation(client, participant_list, role_users):
    url = f"/documents/renders/{participant_list.pk}/publish/"

    assert statuses_by_role(client, url, role_users) == {
        "anonymous": (302, "/accounts/login/"),
        "ghana": 403,
        "kenya": 403,
        "observer": 403,
        "secretariat": 200,
    }


def test_the_note_page_links_to_a_confirmation_that_publishes_nothing(client, secretariat_user):
    note = DiscussionNoteFactory()
    url = f"/documents/{note.slug}/publish/"
    client.force_login(secretariat_user)

    note_page = client.get(note.get_absolute_url()).content.decode()
    html = client.get(url).content.decode()

    assert f'href="{url}"' in note_page
    assert url not in post_forms(note_page)
    assert f"Anyone, without logging in, can read {note.symbol}" in html
    assert "No PDF has been made yet: the public gets none until you generate one." in html
    assert 'name="action" value="publish"' in html
    note.refresh_from_db()
    assert note.status == DiscussionNote.Status.DRAFT


def test_who_may_see_the_note_publishing_confirmation(client, role_users):
    note = DiscussionNoteFactory()

    assert statuses_by_role(client, f"/documents/{note.slug}/publish/", role_users) == {
        "anonymous": (302, "/accounts/login/"),
        "ghana": 403,
        "kenya": 403,
        "observer": 403,
        "secretariat": 200,
    }
