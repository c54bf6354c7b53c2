import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from participants.importing import (
    participant_import_apply,
    participant_import_store,
    participant_imports_purge,
)
from participants.models import ParticipantImport, Registration
from participants.spreadsheets import HEADERS
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

ROWS = [HEADERS, ["", "Ana", "Silva", "ana@example.org", "", "Other", "", "", "", ""]]
BAD_ROWS = [HEADERS, ["", "Ana", "Silva", "", "", "Alien", "", "", "", ""]]


@pytest.fixture
def meeting():
    return MeetingFactory()


def uploaded(meeting, user, days_ago, rows=ROWS, name="participants.csv"):
    stored = participant_import_store(meeting=meeting, file_name=name, table=rows, by=user)
    ParticipantImport.objects.filter(pk=stored.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return stored


def purge_command() -> str:
    out = io.StringIO()
    call_command("purge_participant_imports", stdout=out)
    return out.getvalue()


def test_files_not_imported_in_time_lose_their_rows_and_a_second_run_changes_nothing(
    meeting, secretariat_user, settings
):
    settings.PARTICIPANT_IMPORT_RETENTION_DAYS = 7
    unconfirmed = uploaded(meeting, secretariat_user, days_ago=8)
    failed = uploaded(meeting, secretariat_user, days_ago=9, rows=BAD_ROWS)
    assert not participant_import_apply(pk=failed.pk, meeting=meeting, by=None).preview.ok
    recent = uploaded(meeting, secretariat_user, days_ago=6)
    imported = uploaded(meeting, secretariat_user, days_ago=30)
    participant_import_apply(pk=imported.pk, meeting=meeting, by=None)

    first = purge_command()
    erased = {p.pk: (p.rows, p.purged_at) for p in ParticipantImport.objects.all()}
    second = purge_command()

    assert first == "Uploaded files not imported within 7 days: 2 erased.\n"
    assert second == "Uploaded files not imported within 7 days: 0 erased.\n"
    assert erased[unconfirmed.pk][0] == erased[failed.pk][0] == []
    assert erased[unconfirmed.pk][1] is not None
    assert erased[failed.pk][1] is not None
    assert erased[recent.pk] == (ROWS, None)
    assert erased[imported.pk][1] is None
    assert {p.pk: (p.rows, p.purged_at) for p in ParticipantImport.objects.all()} == erased


def test_the_retention_is_the_setting(meeting, secretariat_user, settings):
    settings.PARTICIPANT_IMPORT_RETENTION_DAYS = 30
    stored = uploaded(meeting, secretariat_user, days_ago=8)

    assert participant_imports_purge() == 0
    settings.PARTICIPANT_IMPORT_RETENTION_DAYS = 1
    assert participant_imports_purge() == 1
    stored.refresh_from_db()
    assert stored.is_purged


def test_an_erased_file_cannot_be_confirmed_and_the_page_says_why(
    client, meeting, secretariat_user, settings
):
    settings.PARTICIPANT_IMPORT_RETENTION_DAYS = 7
    stored = uploaded(meeting, secretariat_user, days_ago=8, name="delegates.xlsx")
    participant_imports_purge()
    client.force_login(secretariat_user)
    url = reverse("participants:import_preview", args=[meeting.pk, stored.pk])

    shown = client.get(url, follow=True)
    confirmed = client.post(url, follow=True)

    for response in (shown, confirmed):
        assert response.redirect_chain[-1][0] == reverse(
            "participants:import_upload", args=[meeting.pk]
        )
        assert "The rows of delegates.xlsx were erased on" in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_import_page_lists_what_became_of_each_file(
    client, meeting, secretariat_user, settings
):
    settings.PARTICIPANT_IMPORT_RETENTION_DAYS = 7
    uploaded(meeting, secretariat_user, days_ago=8, name="old.csv")
    imported = uploaded(meeting, secretariat_user, days_ago=1, name="done.csv")
    participant_import_apply(pk=imported.pk, meeting=meeting, by=None)
    uploaded(meeting, secretariat_user, days_ago=0, name="waiting.csv")
    uploaded(MeetingFactory(), secretariat_user, days_ago=0, name="other-meeting.csv")
    participant_imports_purge()
    client.force_login(secretariat_user)

    page = client.get(reverse("participants:import_upload", args=[meeting.pk])).content.decode()

    assert page.count('data-testid="upload"') == 3
    assert "other-meeting.csv" not in page
    assert "Not imported; rows erased on" in page
    assert "Imported on" in page
    assert "Not imported yet: see the preview" in page
    assert "not imported within 7 days are erased" in page
