"""Each history is append-only: in the ORM, and in the database whatever the client."""

import datetime

import pytest
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.models import AccountEvent
from common.history import AppendOnlyModel, HistoryIsAppendOnly, append_only_tables
from participants.electorate import member_state_create
from participants.models import (
    Category,
    CredentialsChange,
    MemberStateStatusChange,
    RegistrationChange,
    RegistrationSettingsChange,
)
from participants.self_registration import registration_settings_update
from participants.services import PersonDetails, registration_create
from themes.models import ConsultationChange, VoteEvent
from themes.services import consultation_create, vote_cast
from workshops.models import MeetingStatusChange
from workshops.services import meeting_create
from workshops.tests.factories import DialogueYearFactory

pytestmark = pytest.mark.django_db


def _meeting_entry(user):
    year = DialogueYearFactory(year=2010)
    meeting = meeting_create(
        dialogue_year=year,
        by=user,
        title="Migration and social change",
        start_date=datetime.date(2010, 3, 9),
        end_date=datetime.date(2010, 3, 10),
    )
    return MeetingStatusChange.objects.get(meeting=meeting), meeting


def _registration_entry(user):
    _entry, meeting = _meeting_entry(user)
    registration = registration_create(
        meeting=meeting,
        person=PersonDetails(first_name="Ama", last_name="Mensah"),
        participant=None,
        category=Category.OTHER,
        member_state=None,
        organization=None,
        role="delegate",
        by=user,
    )
    return RegistrationChange.objects.get(registration=registration), registration


def _registration_settings_entry(user):
    _entry, meeting = _meeting_entry(user)
    settings = registration_settings_update(
        meeting=meeting, is_open=True, categories=["ngo"], by=user
    )
    return RegistrationSettingsChange.objects.get(settings=settings), settings


def _member_state_entry(user):
    state = member_state_create(country="GH", name="Ghana", status="member", by=user)
    return MemberStateStatusChange.objects.get(member_state=state), state


def _consultation_entry(user):
    consultation = consultation_create(
        by=user,
        target_year=DialogueYearFactory(year=2011, is_current=False),
        title="Overarching theme of IDM 2011",
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    return ConsultationChange.objects.get(consultation=consultation), consultation


def _vote_entry(user):
    from participants.tests.factories import FocalPointFactory, MemberStateFactory
    from themes.tests.factories import ConsultationFactory, ProposalFactory

    consultation = ConsultationFactory()
    first, _second = ProposalFactory.create_batch(2, consultation=consultation)
    voter = FocalPointFactory(member_state=MemberStateFactory(country="KE", name="Kenya"))
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=voter)
    return VoteEvent.objects.get(), consultation


def _account_entry(user):
    from accounts.invitations import account_event_record
    from accounts.tests.factories import UserFactory

    account = UserFactory()
    entry = account_event_record(action=AccountEvent.Action.PASSWORD_CHANGED, user=account)
    return entry, account


def _credentials_entry(user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from participants.credentials import credentials_upload
    from participants.tests.factories import MemberStateFactory
    from workshops.tests.factories import PDF_BYTES, MeetingFactory

    credentials = credentials_upload(
        meeting=MeetingFactory(),
        member_state=MemberStateFactory(country="GH", name="Ghana"),
        file=SimpleUploadedFile("note.pdf", PDF_BYTES),
        by=user,
    )
    return CredentialsChange.objects.get(credentials=credentials), credentials


MAKERS = {
    "account": _account_entry,
    "meeting status": _meeting_entry,
    "registration": _registration_entry,
    "registration settings": _registration_settings_entry,
    "member state status": _member_state_entry,
    "consultation": _consultation_entry,
    "vote": _vote_entry,
    "credentials": _credentials_entry,
}


@pytest.fixture(params=list(MAKERS))
def recorded(request, secretariat_user):
    """(a history entry, the subject it belongs to), for each history of the portal."""
    return MAKERS[request.param](secretariat_user)


def test_every_history_model_is_covered_here():
    tested = {AccountEvent, MeetingStatusChange, RegistrationChange, MemberStateStatusChange}
    tested |= {RegistrationSettingsChange}
    tested |= {ConsultationChange, VoteEvent, CredentialsChange}
    assert set(append_only_tables()) == {model._meta.db_table for model in tested}


def _as_stored(entry):
    return type(entry)._base_manager.filter(pk=entry.pk).values().get()


def test_the_orm_refuses_every_way_of_changing_or_deleting(recorded):
    entry, _subject = recorded
    model, stored = type(entry), _as_stored(entry)
    attempts = [
        lambda: entry.save(),
        lambda: entry.delete(),
        lambda: model.objects.filter(pk=entry.pk).update(changed_at=timezone.now()),
        lambda: model.objects.all().delete(),
        lambda: model._base_manager.filter(pk=entry.pk).update(id=entry.pk),
        lambda: model._base_manager.all().delete(),
        lambda: model.objects.all()._raw_delete(connection.alias),
        lambda: model.objects.bulk_update([entry], fields=[model._meta.fields[1].name]),
        lambda: model.objects.bulk_create(
            [entry], update_conflicts=True, unique_fields=["id"], update_fields=["id"]
        ),
    ]
    for attempt in attempts:
        with pytest.raises(HistoryIsAppendOnly):
            attempt()

    assert _as_stored(entry) == stored


def test_an_entry_built_with_a_recorded_primary_key_is_not_written_over_it(recorded):
    entry, _subject = recorded
    stored = _as_stored(entry)
    copy = type(entry)(**{**stored, "id": entry.pk})

    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()

    assert _as_stored(entry) == stored


def _refused_by_the_database(run):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        run()


def test_the_database_refuses_updates_and_deletes_whatever_the_client(recorded):
    entry, _subject = recorded
    model, stored = type(entry), _as_stored(entry)
    table = model._meta.db_table
    plain = models.QuerySet(model)  # Django's own queryset, without the model's guard

    def raw(sql):
        return lambda: connection.cursor().execute(sql, [entry.pk])

    _refused_by_the_database(raw(f"UPDATE {table} SET id = id WHERE id = %s"))
    _refused_by_the_database(raw(f"DELETE FROM {table} WHERE id = %s"))
    _refused_by_the_database(lambda: plain.filter(pk=entry.pk).update(id=entry.pk))
    _refused_by_the_database(lambda: plain.filter(pk=entry.pk)._raw_delete(connection.alias))
    _refused_by_the_database(
        lambda: plain.bulk_create(
            [model(**stored)],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=[f.attname for f in model._meta.concrete_fields if f.name != "id"],
        )
    )

    assert _as_stored(entry) == stored


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_postgresql_refuses_to_truncate_a_history(recorded):
    entry, _subject = recorded
    table = type(entry)._meta.db_table

    def truncate():
        with connection.cursor() as cursor:
            # The test's pending foreign key checks first: PostgreSQL refuses to truncate
            # a table with pending trigger events, which is not the refusal under test.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {table} CASCADE")

    _refused_by_the_database(truncate)

    assert type(entry).objects.filter(pk=entry.pk).exists()


def test_deleting_what_a_history_is_about_is_refused(recorded):
    entry, subject = recorded

    with pytest.raises(ProtectedError), transaction.atomic():
        type(subject).objects.filter(pk=subject.pk).delete()

    assert type(entry).objects.filter(pk=entry.pk).exists()


def test_every_history_model_extends_the_append_only_meta():
    for model in (
        MeetingStatusChange,
        RegistrationChange,
        MemberStateStatusChange,
        CredentialsChange,
        RegistrationSettingsChange,
    ):
        assert issubclass(model, AppendOnlyModel)
        assert model._meta.base_manager_name == "objects"
        assert model._meta.default_permissions == ("view",)
