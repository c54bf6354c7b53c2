"""The vote history is append-only: in the ORM, in the database and in the admin."""

import pytest
from django.db import DatabaseError, connection, transaction

from common.history import HistoryIsAppendOnly
from themes.models import VoteEvent
from themes.services import vote_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(ballot, ghana_focal_point):
    consultation, first, _second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    return VoteEvent.objects.get()


def test_an_entry_cannot_be_saved_again(event, ballot):
    event.to_proposal = ballot[2]

    with pytest.raises(HistoryIsAppendOnly):
        event.save()

    event.refresh_from_db()
    assert event.to_proposal == ballot[1]


def test_an_entry_cannot_be_deleted(event):
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()

    assert VoteEvent.objects.count() == 1


def test_bulk_update_and_delete_are_refused(event, ballot):
    with pytest.raises(HistoryIsAppendOnly):
        VoteEvent.objects.filter(pk=event.pk).update(to_proposal=ballot[2])
    with pytest.raises(HistoryIsAppendOnly):
        VoteEvent.objects.all().delete()

    assert list(VoteEvent.objects.values_list("to_proposal", flat=True)) == [ballot[1].pk]


def test_the_database_refuses_an_update_whatever_the_client(event, ballot):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE themes_voteevent SET to_proposal_id = %s WHERE id = %s",
            [ballot[2].pk, event.pk],
        )

    assert list(VoteEvent.objects.values_list("to_proposal", flat=True)) == [ballot[1].pk]


def test_the_database_refuses_a_delete_whatever_the_client(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM themes_voteevent WHERE id = %s", [event.pk])

    assert VoteEvent.objects.count() == 1


def test_staff_read_the_history_in_the_admin_but_cannot_add_change_or_delete(
    client, secretariat_user, event
):
    client.force_login(secretariat_user)
    base = "/admin/themes/voteevent/"

    listing = client.get(base)
    detail = client.get(f"{base}{event.pk}/change/")
    add = client.get(f"{base}add/")
    change = client.post(f"{base}{event.pk}/change/", {"to_proposal": event.to_proposal_id})
    delete = client.post(f"{base}{event.pk}/delete/", {"post": "yes"})
    bulk_delete = client.post(
        base, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )

    assert listing.status_code == 200
    assert "Ghana" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    assert "delete_selected" not in listing.content.decode()
    assert bulk_delete.status_code in (200, 302)
    assert VoteEvent.objects.count() == 1
