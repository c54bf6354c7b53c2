import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.translated import translated_values, translation_names, update_fields_for
from participants.selectors import registration_list_for_agenda
from workshops.models import Meeting

from ..models import Agenda, Session, SessionPerson
from ..models.agenda import SESSION_TIMES_MESSAGE

if TYPE_CHECKING:
    from accounts.models import User
    from participants.models import Registration


# How the form and the messages name the people of each role.
ROLE_GROUPS = {
    SessionPerson.Role.CHAIR: gettext_lazy("Chairs"),
    SessionPerson.Role.MODERATOR: gettext_lazy("Moderators"),
    SessionPerson.Role.SPEAKER: gettext_lazy("Speakers"),
}


def agenda_get_or_create(*, meeting: Meeting) -> Agenda:
    agenda, _created = Agenda.objects.get_or_create(meeting=meeting)
    return agenda


def _check_session(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    people: dict[str, list["Registration"]],
) -> None:
    errors = []
    if ends_at <= starts_at:
        errors.append(SESSION_TIMES_MESSAGE)
    day = timezone.localdate(starts_at)
    if not meeting.start_date <= day <= meeting.end_date:
        errors.append(
            _("The session is on %(day)s, outside the meeting's dates.")
            % {"day": date_format(day, "DATE_FORMAT")}
        )
    eligible: set[int] = set()
    if any(people.values()):
        eligible = set(registration_list_for_agenda(meeting=meeting).values_list("pk", flat=True))
    seen: dict[int, str] = {}
    for role, registrations in people.items():
        for registration in registrations:
            if registration.pk not in eligible:
                errors.append(
                    _("%(name)s is not a participant of this meeting (or has withdrawn).")
                    % {"name": registration.participant.full_name}
                )
            if registration.pk in seen and seen[registration.pk] != role:
                errors.append(
                    _("%(name)s is already among the %(role)s of this session.")
                    % {
                        "name": registration.participant.full_name,
                        "role": ROLE_GROUPS[seen[registration.pk]].lower(),
                    }
                )
            seen[registration.pk] = role
    if errors:
        raise ValidationError(errors)


def _set_people(session: Session, people: dict[str, list["Registration"]]) -> None:
    session.session_people.all().delete()
    SessionPerson.objects.bulk_create(
        SessionPerson(session=session, registration=registration, role=role)
        for role, registrations in people.items()
        for registration in registrations
    )


def _people(chairs, moderators, speakers) -> dict[str, list["Registration"]]:
    return {
        SessionPerson.Role.CHAIR: list(chairs),
        SessionPerson.Role.MODERATOR: list(moderators),
        SessionPerson.Role.SPEAKER: list(speakers),
    }


def _touch(agenda: Agenda, by: "User | None") -> None:
    agenda.updated_by = by
    agenda.save(update_fields=["updated_by", "updated_at"])


# Entered per language: the plain name is the English original (common.translated).
SESSION_TRANSLATED = ("title", "note")


def _check_translations(translations: dict) -> None:
    unknown = set(translations) - set(translation_names(SESSION_TRANSLATED))
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")


@transaction.atomic
def session_create(
    *,
    meeting: Meeting,
    by: "User | None",
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    note: str = "",
    chairs: Iterable["Registration"] = (),
    moderators: Iterable["Registration"] = (),
    speakers: Iterable["Registration"] = (),
    **translations: str,
) -> Session:
    """Adds a session to a meeting's agenda (creating the agenda, as a draft, if needed);
    `title_fr=`, `note_es=`… are the translations of its texts."""
    _check_translations(translations)
    people = _people(chairs, moderators, speakers)
    _check_session(meeting=meeting, starts_at=starts_at, ends_at=ends_at, people=people)
    agenda = agenda_get_or_create(meeting=meeting)
    texts = translated_values({"title": title, "note": note, **translations}, SESSION_TRANSLATED)
    session = Session.objects.create(agenda=agenda, starts_at=starts_at, ends_at=ends_at, **texts)
    _set_people(session, people)
    _touch(agenda, by)
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    by: "User | None",
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    note: str = "",
    chairs: Iterable["Registration"] = (),
    moderators: Iterable["Registration"] = (),
    speakers: Iterable["Registration"] = (),
    **translations: str,
) -> Session:
    """Changes a session; translations not given (`title_fr=`…) stay as they are."""
    _check_translations(translations)
    people = _people(chairs, moderators, speakers)
    agenda = session.agenda
    _check_session(meeting=agenda.meeting, starts_at=starts_at, ends_at=ends_at, people=people)
    texts = translated_values({"title": title, "note": note, **translations}, SESSION_TRANSLATED)
    for name, value in texts.items():
        setattr(session, name, value)
    session.starts_at = starts_at
    session.ends_at = ends_at
    columns = update_fields_for(texts, SESSION_TRANSLATED)
    session.save(update_fields=sorted({*columns, "starts_at", "ends_at"}))
    _set_people(session, people)
    _touch(agenda, by)
    return session


@transaction.atomic
def session_delete(*, session: Session, by: "User | None") -> None:
    # Read the agenda afresh and lock it: it may have been published meanwhile.
    agenda = Agenda.objects.select_for_update().get(pk=session.agenda_id)
    if agenda.is_published and agenda.sessions.count() == 1:
        raise ValidationError(
            _("A published agenda keeps at least one session. Unpublish it first.")
        )
    session.delete()
    _touch(agenda, by)


@transaction.atomic
def agenda_publish(*, meeting: Meeting, by: "User | None") -> Agenda:
    """Makes the agenda public; it needs at least one session."""
    agenda = Agenda.objects.select_for_update().filter(meeting=meeting).first()
    if agenda is None or not agenda.sessions.exists():
        raise ValidationError(_("Add at least one session before publishing the agenda."))
    if not agenda.is_published:
        agenda.status = Agenda.Status.PUBLISHED
        agenda.published_at = timezone.now()
        agenda.updated_by = by
        agenda.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return agenda


@transaction.atomic
def agenda_unpublish(*, meeting: Meeting, by: "User | None") -> Agenda | None:
    """Takes the agenda back to draft: only the secretariat sees it."""
    # Locked, as when publishing: the two may be asked at once.
    agenda = Agenda.objects.select_for_update().filter(meeting=meeting).first()
    if agenda is None:
        return None
    if agenda.is_published:
        agenda.status = Agenda.Status.DRAFT
        agenda.published_at = None
        agenda.updated_by = by
        agenda.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return agenda


@transaction.atomic
def session_translations_set(
    *, session: Session, by: "User | None", **translations: str
) -> Session:
    """Sets the French and Spanish versions of a session's title and note (`title_fr=`…)."""
    _check_translations(translations)
    texts = translated_values(translations, SESSION_TRANSLATED)
    for name, value in texts.items():
        setattr(session, name, value)
    session.full_clean(exclude=["agenda"])
    session.save(update_fields=sorted(texts))
    _touch(session.agenda, by)
    return session
