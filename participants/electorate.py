"""Who may vote, as of a moment: a member state's status and its recorded changes.

A state's status changes only here, each change recorded in MemberStateStatusChange
with who made it and when. From those entries any past status can be read back:
as of a moment, a state had the status its first later change started from, or,
if it has not changed since, the status it has now. A state created later than
the moment did not exist yet. A consultation takes its electorate this way as of
its opening, so that making an observer a member mid-vote gives it no vote.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .models import MemberState, MemberStateStatusChange


@transaction.atomic
def member_state_create(*, country: str, name: str, status: str, by=None) -> MemberState:
    """A new state; its first status is the first entry of its history."""
    state = MemberState(country=country, name=name, status=status)
    state.full_clean()
    state.save()
    MemberStateStatusChange.objects.create(
        member_state=state, from_status="", to_status=status, changed_by=by
    )
    return state


@transaction.atomic
def member_state_status_set(*, member_state: MemberState, status: str, by=None) -> bool:
    """Makes a state a member or an observer; returns False if it already was (nothing recorded)."""
    if status not in MemberState.Status.values:
        raise ValidationError(_("Unknown status: %(status)s.") % {"status": status})
    locked = MemberState.objects.select_for_update().get(pk=member_state.pk)
    if locked.status == status:
        return False
    MemberStateStatusChange.objects.create(
        member_state=locked, from_status=locked.status, to_status=status, changed_by=by
    )
    locked.status = status
    locked.save(update_fields=["status"])
    member_state.status = status
    return True


def member_states_with_status_at(*, at: datetime.datetime) -> QuerySet[MemberState]:
    """Every state, annotated with `status_then`: its status as of `at` ("" if not yet created)."""
    first_later_change = MemberStateStatusChange.objects.filter(
        member_state=OuterRef("pk"), changed_at__gt=at
    ).order_by("changed_at", "pk")
    return MemberState.objects.annotate(
        status_then=Coalesce(Subquery(first_later_change.values("from_status")[:1]), "status")
    )


def member_states_eligible_at(*, at: datetime.datetime) -> QuerySet[MemberState]:
    """The states that were members as of `at`: those that vote in a consultation opened then."""
    return member_states_with_status_at(at=at).filter(status_then=MemberState.Status.MEMBER)


def member_state_was_member_at(*, member_state: MemberState, at: datetime.datetime) -> bool:
    return member_states_eligible_at(at=at).filter(pk=member_state.pk).exists()
