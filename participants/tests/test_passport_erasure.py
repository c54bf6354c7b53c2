"""Passport details are erased PASSPORT_RETENTION_DAYS after the meeting, on schedule."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from notifications.jobs import due_jobs_run
from participants.models import RegistrationChange, VisaRequest
from participants.tests.factories import OrganizationFactory, RegistrationFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def visa_request(*, ended_days_ago):
    last_day = timezone.localdate() - datetime.timedelta(days=ended_days_ago)
    meeting = MeetingFactory(start_date=last_day, end_date=last_day, status="held")
    registration = RegistrationFactory(
        meeting=meeting, category="ngo", organization=OrganizationFactory(kind="ngo")
    )
    return VisaRequest.objects.create(
        registration=registration,
        passport_name="LENA OKAFOR",
        passport_number="X1234567",
        nationality="NG",
        date_of_birth=datetime.date(1990, 5, 1),
        passport_expiry_date=datetime.date(2031, 1, 1),
        state=VisaRequest.State.APPROVED,
    )


def test_the_due_jobs_erase_passports_of_meetings_ended_long_enough_ago(settings):
    settings.PASSPORT_RETENTION_DAYS = 30
    old = visa_request(ended_days_ago=31)
    on_the_day = visa_request(ended_days_ago=30)
    recent = visa_request(ended_days_ago=5)
    now = timezone.now()

    first = due_jobs_run(now=now)["participants.passport_erasure"]
    second = due_jobs_run(now=now)["participants.passport_erasure"]

    assert (first, second) == (1, 0)
    old.refresh_from_db()
    assert old.erased_at == now
    assert (old.passport_name, old.passport_number, old.nationality) == ("", "", "")
    assert (old.date_of_birth, old.passport_expiry_date) == (None, None)
    assert old.state == VisaRequest.State.APPROVED  # the request itself stays, as a record
    [entry] = RegistrationChange.objects.filter(registration=old.registration)
    assert entry.action == RegistrationChange.Action.PASSPORT_ERASED
    for kept in (on_the_day, recent):
        kept.refresh_from_db()
        assert kept.erased_at is None
        assert kept.passport_number == "X1234567"


def test_the_command_says_what_it_erased(settings):
    settings.PASSPORT_RETENTION_DAYS = 10
    visa_request(ended_days_ago=11)
    out = io.StringIO()
    with translation.override("en"):
        call_command("erase_passport_details", stdout=out)
        call_command("erase_passport_details", stdout=out)
    assert out.getvalue() == (
        "Passport details of meetings ended over 10 days ago: 1 erased.\n"
        "Passport details of meetings ended over 10 days ago: 0 erased.\n"
    )
