"""A full meeting's waiting list: in order, promoted when a place frees, never over capacity."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from notifications.services import notifications_muted
from participants.models import Registration, RegistrationChange
from participants.self_registration import (
    SelfRegistrationForm,
    confirmation_token,
    registration_settings_update,
    self_registration_confirm,
    self_registration_submit,
)
from participants.services import registration_update, registration_withdraw
from participants.tests.factories import OrganizationFactory
from participants.waiting_list import places_taken
from workshops.tests.factories import MeetingFactory

SOON = timezone.localdate() + datetime.timedelta(days=40)


def meeting_with_places(capacity, needs_approval=False):
    meeting = MeetingFactory(
        title="Migration and social change", status="confirmed", start_date=SOON, end_date=SOON
    )
    registration_settings_update(
        meeting=meeting,
        is_open=True,
        categories=["academia"],
        needs_approval=needs_approval,
        capacity=capacity,
    )
    return meeting


def signed_up(meeting, name, organization):
    return self_registration_submit(
        meeting=meeting,
        form=SelfRegistrationForm(
            first_name=name,
            last_name="Tester",
            email=f"{name.lower()}@example.org",
            category="academia",
            language="en",
            organization=organization,
        ),
    )


def confirmed(registration):
    return self_registration_confirm(token=confirmation_token(registration)).registration


@pytest.mark.django_db
def test_the_first_on_the_list_is_promoted_when_a_confirmed_person_withdraws(
    smtp_server, django_capture_on_commit_callbacks
):
    meeting = meeting_with_places(capacity=1)
    university = OrganizationFactory(kind="academia")
    with django_capture_on_commit_callbacks(execute=True):
        ana, ben, cleo = (signed_up(meeting, n, university) for n in ("Ana", "Ben", "Cleo"))
        statuses = [confirmed(r).status for r in (ana, ben, cleo)]
    assert statuses == ["confirmed", "waitlisted", "waitlisted"]
    subjects = {m.to[0]: m.subject for m in smtp_server.messages}
    assert subjects["ben@example.org"] == "On the waiting list: Migration and social change"

    with django_capture_on_commit_callbacks(execute=True):
        registration_withdraw(registration=ana)

    ben.refresh_from_db()
    cleo.refresh_from_db()
    assert (ben.status, cleo.status) == ("confirmed", "waitlisted")
    promoted = [m for m in smtp_server.messages if m.to == ["ben@example.org"]][-1]
    assert promoted.subject == "Registration confirmed: Migration and social change"
    assert "A place has become free at Migration and social change" in promoted.text
    assert ben.changes.last().action == RegistrationChange.Action.PROMOTED

    # Raising the capacity lets the next one in; so does any path that withdraws.
    registration_settings_update(meeting=meeting, is_open=True, categories=["academia"], capacity=2)
    cleo.refresh_from_db()
    assert cleo.status == "confirmed"
    dan = confirmed(signed_up(meeting, "Dan", university))
    assert dan.status == "waitlisted"
    registration_update(
        registration=cleo,
        person=_person(cleo),
        category="academia",
        member_state=None,
        organization=university,
        role=cleo.role,
        status="withdrawn",
    )
    dan.refresh_from_db()
    assert dan.status == "confirmed"
    assert places_taken(meeting_id=meeting.pk) == 2


def _person(registration):
    from participants.services import PersonDetails

    p = registration.participant
    return PersonDetails(first_name=p.first_name, last_name=p.last_name, email=p.email)


@pytest.mark.django_db
def test_promotion_awaits_approval_where_the_meeting_says_so():
    meeting = meeting_with_places(capacity=1, needs_approval=True)
    university = OrganizationFactory(kind="academia")
    with notifications_muted():
        ana = confirmed(signed_up(meeting, "Ana", university))
        ben = confirmed(signed_up(meeting, "Ben", university))
        assert (ana.status, ben.status) == ("pending", "waitlisted")
        registration_withdraw(registration=ana)
    ben.refresh_from_db()
    assert ben.status == "pending"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks: it serializes writers"
)
@pytest.mark.parametrize("place_freed_by_a_withdrawal", [True, False])
def test_two_people_competing_for_the_last_place_at_once_one_gets_it(
    place_freed_by_a_withdrawal,
):
    meeting = meeting_with_places(capacity=1)
    university = OrganizationFactory(kind="academia")
    with notifications_muted():
        holder = confirmed(signed_up(meeting, "Ana", university))
        first, second = (
            signed_up(meeting, "Ben", university),
            signed_up(meeting, "Cleo", university),
        )
        if not place_freed_by_a_withdrawal:
            registration_withdraw(registration=holder)
    errors = []

    def run(action):
        try:
            with notifications_muted():
                start.wait()
                action()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    actions = [lambda: confirmed(first), lambda: confirmed(second)]
    if place_freed_by_a_withdrawal:
        actions.append(lambda: registration_withdraw(registration=holder))
    start = threading.Barrier(len(actions))
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = sorted(
        Registration.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "waitlisted"]
    assert places_taken(meeting_id=meeting.pk) == 1


@pytest.mark.django_db
def test_someone_on_the_waiting_list_is_not_checked_in():
    from django.core.exceptions import ValidationError

    from participants.services import registration_check_in

    meeting = meeting_with_places(capacity=1)
    university = OrganizationFactory(kind="academia")
    with notifications_muted():
        confirmed(signed_up(meeting, "Ana", university))
        ben = confirmed(signed_up(meeting, "Ben", university))
    with pytest.raises(ValidationError) as refused:
        registration_check_in(registration=ben)
    assert refused.value.messages == [
        "Ben Tester is not a participant of this meeting (On the waiting list)."
    ]
