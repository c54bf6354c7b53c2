"""Two desks scanning the same badge, two focal points uploading at once: PostgreSQL's
row locks make each happen once (SQLite serializes writers, so there is no race)."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from participants.badges import badge_token
from participants.credentials import credentials_upload
from participants.models import CredentialsChange, DelegationCredentials, RegistrationChange
from participants.services import registration_check_in_by_token
from participants.tests.factories import MemberStateFactory, RegistrationFactory
from workshops.tests.factories import PDF_BYTES, MeetingFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite has no row locks: it serializes writers"
    ),
]


def at_once(action, times=2) -> list:
    start = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            start.wait()
            outcomes.append(action())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_desks_scanning_one_badge_check_the_person_in_once():
    registration = RegistrationFactory(status="confirmed")
    token = badge_token(registration=registration)

    outcomes = at_once(
        lambda: registration_check_in_by_token(meeting=registration.meeting, token=token).outcome
    )

    assert sorted(outcomes) == ["already", "checked_in"]
    assert RegistrationChange.objects.filter(registration=registration).count() == 1


def test_two_uploads_at_once_make_one_record_with_both_files():
    meeting = MeetingFactory()
    ghana = MemberStateFactory(country="GH", name="Ghana")

    at_once(
        lambda: credentials_upload(
            meeting=meeting,
            member_state=ghana,
            file=SimpleUploadedFile("note.pdf", PDF_BYTES),
            by=None,
        )
    )

    credentials = DelegationCredentials.objects.get()
    assert credentials.documents.count() == 2
    assert CredentialsChange.objects.filter(credentials=credentials).count() == 2
