"""Writes of the theme consultation: ballots, votes, suggestions and the result."""

import dataclasses
import datetime
import enum

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.roles import focal_point_state
from workshops.services import dialogue_year_theme_set

from .models import Consultation, Proposal, Suggestion, Vote, VoteEvent


def format_when(moment: datetime.datetime) -> str:
    """A moment as the portal shows it in messages: local time, the locale's format."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- Consultations and their ballots -------------------------------------------------


def consultation_create(
    *,
    user,
    target_year,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    introduction: str = "",
    allow_vote_change: bool = True,
) -> Consultation:
    consultation = Consultation(
        target_year=target_year,
        title=title,
        introduction=introduction,
        opens_at=opens_at,
        closes_at=closes_at,
        allow_vote_change=allow_vote_change,
        created_by=user,
    )
    consultation.full_clean()
    consultation.save()
    return consultation


CONSULTATION_EDITABLE_FIELDS = (
    "target_year",
    "title",
    "introduction",
    "opens_at",
    "closes_at",
    "allow_vote_change",
)


# What the declared result rests on: they stay as they were once it is declared.
CONSULTATION_FIELDS_FIXED_BY_RESULT = ("target_year", "opens_at", "closes_at")


@transaction.atomic
def consultation_update(*, consultation: Consultation, **fields) -> Consultation:
    """Changes a consultation; once its result is declared, not its year or voting window."""
    unknown = set(fields) - set(CONSULTATION_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    # The row as stored, locked against a simultaneous declaration of the result:
    # the object passed in may already carry the new values (the admin's does).
    stored = Consultation.objects.select_for_update(no_key=True).get(pk=consultation.pk)
    if stored.selected_proposal_id is not None and any(
        name in fields and fields[name] != getattr(stored, name)
        for name in CONSULTATION_FIELDS_FIXED_BY_RESULT
    ):
        raise ValidationError(
            _("The result is declared: the year and the voting window cannot change.")
        )
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    consultation.save(update_fields=list(fields))
    return consultation


def consultation_voting_close(*, consultation_id: int) -> Consultation:
    """Ends an open vote now: the voting window closes at this moment.

    A change of the window like any other (through consultation_update, which
    keeps the rules of every change); votes already cast stand, later ones are
    refused as after any close.
    """
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update(no_key=True).get(pk=consultation_id)
        now = timezone.now()
        if not consultation.has_opened(now):
            raise ValidationError(_("Voting has not opened yet: change the voting window instead."))
        if consultation.is_closed(now):
            raise ValidationError(
                _("Voting already closed (%(when)s).")
                % {"when": format_when(consultation.closes_at)}
            )
        return consultation_update(consultation=consultation, closes_at=now)


def _lock_open_ballot(consultation_id: int) -> Consultation:
    """The consultation, locked against other ballot changes (not against votes)."""
    # FOR NO KEY UPDATE does not conflict with the key-share locks that inserting
    # votes takes on this row, so voters are never held up by the secretariat.
    consultation = Consultation.objects.select_for_update(no_key=True).get(pk=consultation_id)
    if consultation.is_closed():
        raise ValidationError(_("Voting has closed: the ballot can no longer change."))
    return consultation


def _next_position(consultation: Consultation) -> int:
    highest = consultation.proposals.aggregate(highest=Max("position"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def proposal_add(
    *,
    consultation: Consultation,
    title: str,
    summary: str = "",
    full_text: str = "",
    origin: str = Proposal.Origin.ADMINISTRATION,
    member_state=None,
) -> Proposal:
    """Adds a proposal at the end of a ballot that has not closed."""
    consultation = _lock_open_ballot(consultation.pk)
    proposal = Proposal(
        consultation=consultation,
        position=_next_position(consultation),
        title=title,
        summary=summary,
        full_text=full_text,
        origin=origin,
        member_state=member_state,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


# --- Votes --------------------------------------------------------------------------


class VoteResult(enum.Enum):
    CAST = "cast"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    # Another focal point of the state recorded or changed the vote after this
    # one loaded the form: nothing was written, the recorded vote stands.
    CONFLICT = "conflict"


@dataclasses.dataclass(frozen=True)
class VoteOutcome:
    vote: Vote
    result: VoteResult


def _check_voting_window(consultation: Consultation, now: datetime.datetime) -> None:
    if not consultation.has_opened(now):
        raise ValidationError(
            _("Voting opens on %(when)s. Your vote was not recorded.")
            % {"when": format_when(consultation.opens_at)}
        )
    if consultation.is_closed(now):
        raise ValidationError(
            _("Voting closed on %(when)s. Your vote was not recorded.")
            % {"when": format_when(consultation.closes_at)}
        )


def vote_voter_state(*, user):
    """The member state the user votes for; ValidationError if they vote for none."""
    state = focal_point_state(user)
    if state is None or not state.is_member:
        raise ValidationError(
            _("Only member states vote. Observer states may read the proposals and suggest.")
        )
    return state


def vote_cast(
    *, consultation_id: int, proposal_id: int, user, seen_proposal_id: int | None = None
) -> VoteOutcome:
    """Casts or changes the vote of the user's member state.

    `seen_proposal_id` is the state's vote as the form showed it (None: no vote
    yet). If another focal point of the same state voted since, nothing is
    written and the recorded vote is returned with VoteResult.CONFLICT: the
    database's unique constraint decides between simultaneous first votes,
    a row lock between simultaneous changes. Raises Consultation.DoesNotExist
    for an unknown consultation, ValidationError for a refused vote.
    """
    state = vote_voter_state(user=user)
    now = timezone.now()
    with transaction.atomic():
        # Read at write time: whatever the form showed, the rows decide.
        proposal = (
            Proposal.objects.select_related("consultation")
            .filter(pk=proposal_id, consultation_id=consultation_id)
            .first()
        )
        consultation = (
            proposal.consultation if proposal else Consultation.objects.get(pk=consultation_id)
        )
        _check_voting_window(consultation, now)
        if proposal is None:
            raise ValidationError(_("Choose one of the proposals on the ballot."))
        if seen_proposal_id is None:
            # A first vote: the unique constraint settles a race with a colleague.
            return _vote_insert(consultation, state, proposal, user, now)

        vote = (
            Vote.objects.select_for_update()
            .filter(consultation=consultation, member_state=state)
            .first()
        )
        if vote is None:
            return _vote_insert(consultation, state, proposal, user, now)
        if vote.proposal_id == proposal.pk:
            # Whoever recorded it, the state's vote already is the user's choice.
            return VoteOutcome(vote, VoteResult.UNCHANGED)
        if vote.proposal_id != seen_proposal_id:
            return VoteOutcome(vote, VoteResult.CONFLICT)
        if not consultation.allow_vote_change:
            raise ValidationError(_("Your state has voted and this consultation allows no change."))
        previous_id = vote.proposal_id
        vote.proposal, vote.cast_by, vote.cast_at = proposal, user, now
        vote.save(update_fields=["proposal", "cast_by", "cast_at"])
        VoteEvent.objects.create(
            consultation=consultation,
            member_state=state,
            user=user,
            from_proposal_id=previous_id,
            to_proposal=proposal,
            at=now,
        )
        return VoteOutcome(vote, VoteResult.CHANGED)


def _vote_insert(consultation, state, proposal, user, now) -> VoteOutcome:
    try:
        # A savepoint: if another focal point of the state inserted first, only
        # this insert is undone and the transaction goes on to read their vote.
        with transaction.atomic():
            vote = Vote.objects.create(
                consultation=consultation,
                member_state=state,
                proposal=proposal,
                cast_by=user,
                cast_at=now,
            )
    except IntegrityError:
        vote = Vote.objects.get(consultation=consultation, member_state=state)
        # A double submit, or a colleague who chose the same: the choice is recorded.
        if vote.proposal_id == proposal.pk:
            return VoteOutcome(vote, VoteResult.UNCHANGED)
        return VoteOutcome(vote, VoteResult.CONFLICT)
    VoteEvent.objects.create(
        consultation=consultation, member_state=state, user=user, to_proposal=proposal, at=now
    )
    return VoteOutcome(vote, VoteResult.CAST)


# --- Alternative suggestions ----------------------------------------------------------


def suggestion_submit(
    *, consultation: Consultation, user, title: str, rationale: str
) -> Suggestion:
    """A focal point of a member or observer state suggests another theme while voting is open."""
    state = focal_point_state(user)
    if state is None:
        raise ValidationError(
            _("Only focal points of member and observer states make suggestions.")
        )
    consultation = Consultation.objects.get(pk=consultation.pk)
    if not consultation.is_open():
        raise ValidationError(_("Suggestions are taken only while voting is open."))
    suggestion = Suggestion(
        consultation=consultation,
        member_state=state,
        submitted_by=user,
        title=title.strip(),
        rationale=rationale.strip(),
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def suggestion_withdrawal_check(*, suggestion: Suggestion, by) -> None:
    """Raises ValidationError unless `by` may withdraw it: their state's, not yet reviewed."""
    state = focal_point_state(by)
    if state is None or state.pk != suggestion.member_state_id:
        raise ValidationError(_("Only a focal point of the suggesting state can withdraw it."))
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError(
            _("The secretariat has reviewed this suggestion: it can no longer be withdrawn.")
        )


@transaction.atomic
def suggestion_withdraw(*, suggestion_id: int, by) -> Suggestion:
    """Takes back a theme suggested by mistake; nobody has acted on it, so it is deleted.

    The row lock orders it with a simultaneous review: whichever comes second
    sees the other's result. Raises Suggestion.DoesNotExist for an unknown one.
    """
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion_id)
    suggestion_withdrawal_check(suggestion=suggestion, by=by)
    suggestion.delete()
    return suggestion


def _lock_pending_suggestion(suggestion_id: int) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion_id)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError(
            _("This suggestion was already reviewed: %(status)s.")
            % {"status": suggestion.get_status_display()}
        )
    return suggestion


@transaction.atomic
def suggestion_add_to_ballot(*, suggestion_id: int, user) -> Proposal:
    suggestion = _lock_pending_suggestion(suggestion_id)
    proposal = proposal_add(
        consultation=suggestion.consultation,
        title=suggestion.title,
        summary=suggestion.rationale,
        origin=Proposal.Origin.MEMBER_STATE,
        member_state=suggestion.member_state,
    )
    suggestion.status = Suggestion.Status.ADDED
    suggestion.proposal = proposal
    suggestion.reviewed_by, suggestion.reviewed_at = user, timezone.now()
    suggestion.save(update_fields=["status", "proposal", "reviewed_by", "reviewed_at"])
    return proposal


@transaction.atomic
def suggestion_decline(*, suggestion_id: int, user, reason: str) -> Suggestion:
    """Raises Suggestion.DoesNotExist for an unknown suggestion, ValidationError for a refusal."""
    suggestion = _lock_pending_suggestion(suggestion_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for declining: the suggesting state will see it."))
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.decline_reason = reason
    suggestion.reviewed_by, suggestion.reviewed_at = user, timezone.now()
    suggestion.save(update_fields=["status", "decline_reason", "reviewed_by", "reviewed_at"])
    return suggestion


# --- The result ------------------------------------------------------------------------


@transaction.atomic
def consultation_result_declare(*, consultation_id: int, proposal_id: int, user) -> Consultation:
    """Declares the selected theme; it becomes the target year's overarching theme."""
    consultation = (
        Consultation.objects.select_for_update(no_key=True)
        .select_related("target_year")
        .get(pk=consultation_id)
    )
    if not consultation.is_closed():
        raise ValidationError(_("The result can be declared once voting has closed."))
    if consultation.is_published:
        raise ValidationError(_("The result is already published and can no longer change."))
    proposal = consultation.proposals.filter(pk=proposal_id).first()
    if proposal is None:
        raise ValidationError(_("Choose one of the proposals on the ballot."))
    consultation.selected_proposal = proposal
    consultation.result_declared_at, consultation.result_declared_by = timezone.now(), user
    consultation.save(
        update_fields=["selected_proposal", "result_declared_at", "result_declared_by"]
    )
    dialogue_year_theme_set(dialogue_year=consultation.target_year, theme=proposal.title)
    return consultation


@transaction.atomic
def consultation_result_publish(*, consultation_id: int) -> Consultation:
    """Shows the declared result and the tally to the member states."""
    consultation = Consultation.objects.select_for_update(no_key=True).get(pk=consultation_id)
    if consultation.selected_proposal_id is None:
        raise ValidationError(_("Declare the selected theme before publishing the result."))
    if not consultation.is_published:
        consultation.result_published_at = timezone.now()
        consultation.save(update_fields=["result_published_at"])
    return consultation
