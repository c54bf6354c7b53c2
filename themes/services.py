"""Writes of the theme consultation: ballots, votes, suggestions and the result."""

import dataclasses
import datetime
import enum

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import focal_point_state
from common.formats import format_when
from common.translated import (
    normalized,
    stored_value,
    translated_values,
    translation_names,
    update_fields_for,
)
from participants.electorate import member_state_was_member_at
from workshops.services import dialogue_year_theme_set

from .models import Consultation, ConsultationChange, Proposal, ThemeSuggestion, Vote, VoteEvent
from .notices import consultation_result_notice_send, theme_suggestion_notice_send

# A ballot offers a choice: voting opens only on at least two proposals.
MINIMUM_PROPOSALS = 2

# --- Consultations and their ballots -------------------------------------------------


def consultation_create(
    *,
    by,
    target_year,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    introduction: str = "",
    allow_vote_change: bool = True,
    votes_public_while_open: bool = False,
    now: datetime.datetime | None = None,
    **translations: str,
) -> Consultation:
    """A new consultation; its ballot is filled before voting opens, so it opens later.

    `now` is the moment of the change, here and in the services below (the demo
    records the IDM 2010 consultation as it happened). `title_fr=`,
    `introduction_es=`… are the translations of its texts.
    """
    _check_known(translations, translation_names(CONSULTATION_TRANSLATED))
    texts = {"title": title, "introduction": introduction, **translations}
    consultation = Consultation(
        target_year=target_year,
        **translated_values(texts, CONSULTATION_TRANSLATED),
        opens_at=opens_at,
        closes_at=closes_at,
        allow_vote_change=allow_vote_change,
        votes_public_while_open=votes_public_while_open,
        created_by=by,
    )
    consultation.full_clean()
    if consultation.has_opened(now):
        raise ValidationError({"opens_at": _ballot_too_short_message()})
    with transaction.atomic():
        consultation.save()
        _record(
            consultation,
            ConsultationChange.Action.CREATED,
            {name: [None, _stored(consultation, name)] for name in CONSULTATION_EDITABLE_FIELDS},
            by,
            at=now,
        )
    return consultation


# Entered per language: the plain name is the English original (common.translated).
CONSULTATION_TRANSLATED = ("title", "introduction")
PROPOSAL_TRANSLATED = ("title", "summary", "full_text")

CONSULTATION_EDITABLE_FIELDS = (
    "target_year",
    "title",
    "introduction",
    "opens_at",
    "closes_at",
    "allow_vote_change",
    "votes_public_while_open",
) + translation_names(CONSULTATION_TRANSLATED)


def _check_known(fields, known) -> None:
    unknown = set(fields) - set(known)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")


# What may still change once voting has started: the wording around the ballot, and
# the close, to a later moment, before it passes. The rest would move the ballot.
CONSULTATION_FIELDS_OPEN_TO_CHANGE_DURING_VOTING = (
    "title",
    "introduction",
    "closes_at",
) + translation_names(CONSULTATION_TRANSLATED)


def _ballot_too_short_message() -> str:
    return _(
        "Voting opens on a ballot of at least %(count)s proposals: set the opening in the "
        "future, add the proposals, then let voting open."
    ) % {"count": MINIMUM_PROPOSALS}


def _stored(consultation: Consultation, name: str):
    """A field's value as the history keeps it: readable, and JSON."""
    if name == "target_year":
        return consultation.target_year.year
    value = stored_value(consultation, name, CONSULTATION_TRANSLATED)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value


def _record(consultation, action, changes, by, at=None) -> ConsultationChange:
    return ConsultationChange.objects.create(
        consultation=consultation,
        action=action,
        changes=changes,
        changed_by=by,
        changed_at=at or timezone.now(),
    )


def voting_has_started(consultation: Consultation, at: datetime.datetime | None = None) -> bool:
    """The opening has passed on a complete ballot: from then on the ballot is fixed.

    A consultation whose opening passed on too short a ballot takes no vote; its
    ballot may still be completed and its opening moved.
    """
    return consultation.has_opened(at) and consultation.proposals.count() >= MINIMUM_PROPOSALS


# What the declared result rests on: they stay as they were once it is declared.
CONSULTATION_FIELDS_FIXED_BY_RESULT = ("target_year", "opens_at", "closes_at")


@transaction.atomic
def consultation_update(*, consultation: Consultation, by=None, **fields) -> Consultation:
    """Changes a consultation, recording what changed.

    Once voting has started only the title, the introduction and a later close
    (before the close has passed) may change; once the result is declared, not
    the year or the voting window.
    """
    _check_known(fields, CONSULTATION_EDITABLE_FIELDS)
    fields = normalized(fields, CONSULTATION_TRANSLATED)
    # The row as stored, locked against a simultaneous declaration of the result:
    # the object passed in may already carry the new values (the admin's does).
    stored = Consultation.objects.select_for_update(no_key=True).get(pk=consultation.pk)
    changed = [
        name
        for name in fields
        if fields[name] != stored_value(stored, name, CONSULTATION_TRANSLATED)
    ]
    if stored.selected_proposal_id is not None and any(
        name in changed for name in CONSULTATION_FIELDS_FIXED_BY_RESULT
    ):
        raise ValidationError(
            _("The result is declared: the year and the voting window cannot change.")
        )
    now = timezone.now()
    if voting_has_started(stored, now):
        _check_change_during_voting(stored, changed, fields, now)
    attributes = translated_values(fields, CONSULTATION_TRANSLATED)
    for name, value in attributes.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    opens_now = "opens_at" in changed and consultation.has_opened(now)
    if opens_now and stored.proposals.count() < MINIMUM_PROPOSALS:
        raise ValidationError({"opens_at": _ballot_too_short_message()})
    consultation.save(update_fields=sorted(update_fields_for(attributes, CONSULTATION_TRANSLATED)))
    if changed:
        _record(
            consultation,
            ConsultationChange.Action.UPDATED,
            {name: [_stored(stored, name), _stored(consultation, name)] for name in changed},
            by,
        )
    return consultation


def _check_change_during_voting(stored, changed, fields, now) -> None:
    fixed = [n for n in changed if n not in CONSULTATION_FIELDS_OPEN_TO_CHANGE_DURING_VOTING]
    if fixed:
        raise ValidationError(
            _(
                "Voting has opened: the target year, the opening, the rules of the vote "
                "and the ballot stay as they were when it opened."
            )
        )
    if "closes_at" in changed:
        if stored.is_closed(now):
            raise ValidationError(
                _("Voting closed on %(when)s: a closed consultation does not reopen.")
                % {"when": format_when(stored.closes_at)}
            )
        if fields["closes_at"] < stored.closes_at:
            raise ValidationError(
                _(
                    "Voting has opened: its close may only be moved later than %(when)s, "
                    "never earlier."
                )
                % {"when": format_when(stored.closes_at)}
            )


def consultation_voting_close(*, consultation_id: int, by) -> Consultation:
    """Ends an open vote now ("Close voting now"): the voting window closes at this moment.

    The one way a window may shorten once voting has started; recorded in the
    consultation's history like every change. Votes already cast stand, later
    ones are refused as after any close.
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
        before = _stored(consultation, "closes_at")
        consultation.closes_at = now
        consultation.save(update_fields=["closes_at"])
        _record(
            consultation,
            ConsultationChange.Action.UPDATED,
            {"closes_at": [before, _stored(consultation, "closes_at")]},
            by,
        )
    return consultation


def _lock_ballot_before_voting(
    consultation_id: int, now: datetime.datetime | None = None
) -> Consultation:
    """The consultation, locked against other ballot changes (not against votes).

    Refused once voting has started: from then on the ballot stays as voted on.
    """
    # FOR NO KEY UPDATE does not conflict with the key-share locks that inserting
    # votes takes on this row, so voters are never held up by the secretariat.
    consultation = Consultation.objects.select_for_update(no_key=True).get(pk=consultation_id)
    if consultation.is_closed(now):
        raise ValidationError(_("Voting has closed: the ballot can no longer change."))
    if voting_has_started(consultation, now):
        raise ValidationError(
            _("Voting has opened: the ballot is fixed, its proposals can no longer change.")
        )
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
    by=None,
    now: datetime.datetime | None = None,
    **translations: str,
) -> Proposal:
    """Adds a proposal at the end of a ballot on which voting has not started;
    `title_fr=`, `summary_es=`… are the translations of its texts."""
    _check_known(translations, translation_names(PROPOSAL_TRANSLATED))
    consultation = _lock_ballot_before_voting(consultation.pk, now)
    texts = {"title": title, "summary": summary, "full_text": full_text, **translations}
    proposal = Proposal(
        consultation=consultation,
        position=_next_position(consultation),
        **translated_values(texts, PROPOSAL_TRANSLATED),
        origin=origin,
        member_state=member_state,
    )
    proposal.full_clean()
    proposal.save()
    _record(
        consultation,
        ConsultationChange.Action.PROPOSAL_ADDED,
        {"proposal": proposal.title_en, "position": [None, proposal.position]},
        by,
        at=now,
    )
    return proposal


PROPOSAL_EDITABLE_FIELDS = (
    "title",
    "summary",
    "full_text",
    "origin",
    "member_state",
) + translation_names(PROPOSAL_TRANSLATED)


@transaction.atomic
def proposal_update(*, proposal: Proposal, by=None, **fields) -> Proposal:
    """Changes a proposal's text before voting starts, recording what changed."""
    _check_known(fields, PROPOSAL_EDITABLE_FIELDS)
    fields = normalized(fields, PROPOSAL_TRANSLATED)
    consultation = _lock_ballot_before_voting(proposal.consultation_id)
    stored = Proposal.objects.get(pk=proposal.pk)

    def value(instance, name):
        return stored_value(instance, name, PROPOSAL_TRANSLATED)

    changed = [name for name in fields if fields[name] != value(stored, name)]
    attributes = translated_values(fields, PROPOSAL_TRANSLATED)
    for name, new in attributes.items():
        setattr(proposal, name, new)
    proposal.full_clean()
    proposal.save(update_fields=sorted(update_fields_for(attributes, PROPOSAL_TRANSLATED)))
    if changed:
        values = {
            name: [str(value(stored, name) or ""), str(value(proposal, name) or "")]
            for name in changed
        }
        _record(
            consultation,
            ConsultationChange.Action.PROPOSAL_CHANGED,
            {"proposal": stored.title_en, **values},
            by,
        )
    return proposal


@transaction.atomic
def proposal_translations_set(*, proposal: Proposal, by=None, **translations: str) -> Proposal:
    """Sets the French and Spanish versions of a proposal's texts (`title_fr=`…), at any
    time: the English original stays as voted on, a translation only says it in another
    language. Recorded in the consultation's history like every change."""
    _check_known(translations, translation_names(PROPOSAL_TRANSLATED))
    translations = normalized(translations, PROPOSAL_TRANSLATED)
    stored = Proposal.objects.select_for_update().get(pk=proposal.pk)
    changed = {
        name: [stored_value(stored, name, PROPOSAL_TRANSLATED), value]
        for name, value in translations.items()
        if value != stored_value(stored, name, PROPOSAL_TRANSLATED)
    }
    if not changed:
        return proposal
    attributes = translated_values(translations, PROPOSAL_TRANSLATED)
    for name, value in attributes.items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save(update_fields=sorted(attributes))
    _record(
        proposal.consultation,
        ConsultationChange.Action.PROPOSAL_CHANGED,
        {"proposal": stored.title_en, **changed},
        by,
    )
    return proposal


@transaction.atomic
def proposal_remove(*, proposal: Proposal, by=None) -> None:
    """Takes a proposal off a ballot on which voting has not started."""
    consultation = _lock_ballot_before_voting(proposal.consultation_id)
    _record(
        consultation,
        ConsultationChange.Action.PROPOSAL_REMOVED,
        {"proposal": proposal.title_en, "position": [proposal.position, None]},
        by,
    )
    proposal.delete()


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


_OBSERVERS_DO_NOT_VOTE = gettext_lazy(
    "Only member states vote. Observer states may read the proposals and suggest."
)


def _check_electorate(consultation: Consultation, state) -> None:
    """The states that vote are those that were members when voting opened."""
    if member_state_was_member_at(member_state=state, at=consultation.opens_at):
        return
    if not state.is_member:
        raise ValidationError(_OBSERVERS_DO_NOT_VOTE)
    raise ValidationError(
        _(
            "Only states that were members when voting opened on %(when)s vote in this "
            "consultation. Your state may read the proposals and suggest."
        )
        % {"when": format_when(consultation.opens_at)}
    )


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


def vote_voter_state(*, by, consultation: Consultation):
    """The member state `by` votes for in this consultation; ValidationError if none: the
    page asks it before offering the ballot, vote_cast decides with the same rules."""
    state = focal_point_state(by)
    if state is None:
        raise ValidationError(_OBSERVERS_DO_NOT_VOTE)
    _check_electorate(consultation, state)
    return state


def vote_cast(
    *,
    consultation_id: int,
    proposal_id: int,
    by,
    seen_proposal_id: int | None = None,
    now: datetime.datetime | None = None,
) -> VoteOutcome:
    """Casts or changes the vote of the user's member state.

    `seen_proposal_id` is the state's vote as the form showed it (None: no vote
    yet). If another focal point of the same state voted since, nothing is
    written and the recorded vote is returned with VoteResult.CONFLICT: the
    database's unique constraint decides between simultaneous first votes,
    a row lock between simultaneous changes. Raises Consultation.DoesNotExist
    for an unknown consultation, ValidationError for a refused vote.
    """
    state = focal_point_state(by)
    if state is None:
        raise ValidationError(_OBSERVERS_DO_NOT_VOTE)
    now = now or timezone.now()
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
        _check_electorate(consultation, state)
        if consultation.proposals.count() < MINIMUM_PROPOSALS:
            raise ValidationError(
                _("The ballot is not complete: voting has not opened. Your vote was not recorded.")
            )
        if proposal is None:
            raise ValidationError(_("Choose one of the proposals on the ballot."))
        if seen_proposal_id is None:
            # A first vote: the unique constraint settles a race with a colleague.
            return _vote_insert(consultation, state, proposal, by, now)

        vote = (
            Vote.objects.select_for_update()
            .filter(consultation=consultation, member_state=state)
            .first()
        )
        if vote is None:
            return _vote_insert(consultation, state, proposal, by, now)
        if vote.proposal_id == proposal.pk:
            # Whoever recorded it, the state's vote already is the user's choice.
            return VoteOutcome(vote, VoteResult.UNCHANGED)
        if vote.proposal_id != seen_proposal_id:
            return VoteOutcome(vote, VoteResult.CONFLICT)
        if not consultation.allow_vote_change:
            raise ValidationError(_("Your state has voted and this consultation allows no change."))
        # The entry first: the database lets a vote change only beside its entry.
        VoteEvent.objects.create(
            consultation=consultation,
            member_state=state,
            user=by,
            from_proposal_id=vote.proposal_id,
            to_proposal=proposal,
            at=now,
        )
        vote.proposal, vote.cast_by, vote.cast_at = proposal, by, now
        vote.save(update_fields=["proposal", "cast_by", "cast_at"])
        return VoteOutcome(vote, VoteResult.CHANGED)


def _vote_insert(consultation, state, proposal, by, now) -> VoteOutcome:
    try:
        # A savepoint: if another focal point of the state inserted first, only
        # this insert is undone and the transaction goes on to read their vote.
        with transaction.atomic():
            vote = Vote.objects.create(
                consultation=consultation,
                member_state=state,
                proposal=proposal,
                cast_by=by,
                cast_at=now,
            )
    except IntegrityError:
        vote = Vote.objects.get(consultation=consultation, member_state=state)
        # A double submit, or a colleague who chose the same: the choice is recorded.
        if vote.proposal_id == proposal.pk:
            return VoteOutcome(vote, VoteResult.UNCHANGED)
        return VoteOutcome(vote, VoteResult.CONFLICT)
    VoteEvent.objects.create(
        consultation=consultation, member_state=state, user=by, to_proposal=proposal, at=now
    )
    return VoteOutcome(vote, VoteResult.CAST)


# --- Alternative suggestions ----------------------------------------------------------


def theme_suggestion_submit(
    *,
    consultation: Consultation,
    by,
    title: str,
    rationale: str,
    now: datetime.datetime | None = None,
) -> ThemeSuggestion:
    """A focal point of a member or observer state suggests another theme while voting is open."""
    state = focal_point_state(by)
    if state is None:
        raise ValidationError(
            _("Only focal points of member and observer states make suggestions.")
        )
    consultation = Consultation.objects.get(pk=consultation.pk)
    if not consultation.is_open(now):
        raise ValidationError(_("Suggestions are taken only while voting is open."))
    suggestion = ThemeSuggestion(
        consultation=consultation,
        member_state=state,
        submitted_by=by,
        submitted_at=now or timezone.now(),
        title=title.strip(),
        rationale=rationale.strip(),
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def theme_suggestion_withdrawal_check(*, suggestion: ThemeSuggestion, by) -> None:
    """Raises ValidationError unless `by` may withdraw it: their state's, not yet reviewed."""
    state = focal_point_state(by)
    if state is None or state.pk != suggestion.member_state_id:
        raise ValidationError(_("Only a focal point of the suggesting state can withdraw it."))
    if suggestion.status != ThemeSuggestion.Status.PENDING:
        raise ValidationError(
            _("The secretariat has reviewed this suggestion: it can no longer be withdrawn.")
        )


@transaction.atomic
def theme_suggestion_withdraw(*, suggestion_id: int, by) -> ThemeSuggestion:
    """Takes back a theme suggested by mistake; nobody has acted on it, so it is deleted.

    The row lock orders it with a simultaneous review: whichever comes second
    sees the other's result. Raises ThemeSuggestion.DoesNotExist for an unknown one.
    """
    suggestion = ThemeSuggestion.objects.select_for_update().get(pk=suggestion_id)
    theme_suggestion_withdrawal_check(suggestion=suggestion, by=by)
    suggestion.delete()
    return suggestion


def _lock_pending_suggestion(suggestion_id: int) -> ThemeSuggestion:
    suggestion = ThemeSuggestion.objects.select_for_update().get(pk=suggestion_id)
    if suggestion.status != ThemeSuggestion.Status.PENDING:
        raise ValidationError(
            _("This suggestion was already reviewed: %(status)s.")
            % {"status": suggestion.get_status_display()}
        )
    return suggestion


@transaction.atomic
def theme_suggestion_add_to_ballot(*, suggestion_id: int, by) -> Proposal:
    suggestion = _lock_pending_suggestion(suggestion_id)
    proposal = proposal_add(
        consultation=suggestion.consultation,
        title=suggestion.title,
        summary=suggestion.rationale,
        origin=Proposal.Origin.MEMBER_STATE,
        member_state=suggestion.member_state,
        by=by,
    )
    suggestion.status = ThemeSuggestion.Status.ADDED
    suggestion.proposal = proposal
    suggestion.reviewed_by, suggestion.reviewed_at = by, timezone.now()
    suggestion.save(update_fields=["status", "proposal", "reviewed_by", "reviewed_at"])
    theme_suggestion_notice_send(suggestion=suggestion)
    return proposal


@transaction.atomic
def theme_suggestion_decline(*, suggestion_id: int, by, reason: str) -> ThemeSuggestion:
    """Raises ThemeSuggestion.DoesNotExist for an unknown one, ValidationError for a refusal."""
    suggestion = _lock_pending_suggestion(suggestion_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for declining: the suggesting state will see it."))
    suggestion.status = ThemeSuggestion.Status.DECLINED
    suggestion.decline_reason = reason
    suggestion.reviewed_by, suggestion.reviewed_at = by, timezone.now()
    suggestion.save(update_fields=["status", "decline_reason", "reviewed_by", "reviewed_at"])
    theme_suggestion_notice_send(suggestion=suggestion)
    return suggestion


# --- The result ------------------------------------------------------------------------


@transaction.atomic
def consultation_result_declare(*, consultation_id: int, proposal_id: int, by) -> Consultation:
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
    consultation.result_declared_at, consultation.result_declared_by = timezone.now(), by
    previous = consultation.selected_proposal
    consultation.save(
        update_fields=["selected_proposal", "result_declared_at", "result_declared_by"]
    )
    _record(
        consultation,
        ConsultationChange.Action.RESULT_DECLARED,
        {"selected_proposal": [previous.title_en if previous else None, proposal.title_en]},
        by,
    )
    # The theme in every language the proposal was written in.
    dialogue_year_theme_set(
        dialogue_year=consultation.target_year,
        theme=proposal.title_en,
        theme_fr=proposal.title_fr or "",
        theme_es=proposal.title_es or "",
    )
    return consultation


@transaction.atomic
def consultation_result_publish(*, consultation_id: int, by=None) -> Consultation:
    """Shows the declared result and the tally to the member states."""
    consultation = Consultation.objects.select_for_update(no_key=True).get(pk=consultation_id)
    if consultation.selected_proposal_id is None:
        raise ValidationError(_("Declare the selected theme before publishing the result."))
    if not consultation.is_published:
        consultation.result_published_at = timezone.now()
        consultation.save(update_fields=["result_published_at"])
        _record(consultation, ConsultationChange.Action.RESULT_PUBLISHED, {}, by)
        consultation_result_notice_send(consultation=consultation)
    return consultation
