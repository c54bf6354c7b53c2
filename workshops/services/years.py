import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.translated import translated_values, translation_names, update_fields_for

from ..models import DialogueYear, Meeting, MeetingStatusChange
from ..models.years import FUNDING_GAP_MESSAGE, MEETING_DATES_MESSAGE

if TYPE_CHECKING:
    from accounts.models import User

# Entered per language: the plain keyword is the English original, `<field>_fr`
# and `<field>_es` its translations (see common.translated).
YEAR_TRANSLATED = ("overarching_theme", "description")
MEETING_TRANSLATED = ("title", "venue", "description")
YEAR_FIELDS = ("year", "overarching_theme", "description", "is_current") + translation_names(
    YEAR_TRANSLATED
)
MEETING_FIELDS = (
    "dialogue_year",
    "kind",
    "title",
    "start_date",
    "end_date",
    "venue",
    "status",
    "funding_gap",
    "description",
) + translation_names(MEETING_TRANSLATED)


def _make_only_current(dialogue_year: DialogueYear) -> None:
    # One year is current (a partial unique constraint): step the others down first.
    DialogueYear.objects.filter(is_current=True).exclude(pk=dialogue_year.pk).update(
        is_current=False
    )


@transaction.atomic
def dialogue_year_create(
    *,
    year: int,
    overarching_theme: str = "",
    description: str = "",
    is_current: bool = False,
    **translations: str,
) -> DialogueYear:
    """A new dialogue year; `overarching_theme_fr=`, `description_es=`… its translations."""
    _check_known(translations, translation_names(YEAR_TRANSLATED), "dialogue year")
    values = {"overarching_theme": overarching_theme, "description": description, **translations}
    dialogue_year = DialogueYear(
        year=year, is_current=is_current, **translated_values(values, YEAR_TRANSLATED)
    )
    dialogue_year.full_clean(validate_constraints=False)
    if is_current:
        _make_only_current(dialogue_year)
    dialogue_year.save()
    return dialogue_year


@transaction.atomic
def dialogue_year_update(*, dialogue_year: DialogueYear, **fields) -> DialogueYear:
    _check_known(fields, YEAR_FIELDS, "dialogue year")
    attributes = translated_values(fields, YEAR_TRANSLATED)
    for name, value in attributes.items():
        setattr(dialogue_year, name, value)
    dialogue_year.full_clean(validate_constraints=False)
    if dialogue_year.is_current:
        _make_only_current(dialogue_year)
    dialogue_year.save(update_fields=sorted(update_fields_for(attributes, YEAR_TRANSLATED)))
    return dialogue_year


@transaction.atomic
def dialogue_year_theme_set(
    *, dialogue_year: DialogueYear, theme: str, theme_fr: str = "", theme_es: str = ""
) -> DialogueYear:
    """Sets the overarching theme of a year in each language (for example, as a
    consultation's result); a language not given is left untranslated."""
    values = {
        "overarching_theme": theme,
        "overarching_theme_fr": theme_fr,
        "overarching_theme_es": theme_es,
    }
    attributes = translated_values(values, YEAR_TRANSLATED)
    for name, value in attributes.items():
        setattr(dialogue_year, name, value)
    dialogue_year.save(update_fields=sorted(update_fields_for(attributes, YEAR_TRANSLATED)))
    return dialogue_year


def _check_known(fields: dict, known, what: str = "translation") -> None:
    unknown = set(fields) - set(known)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _check_meeting(meeting: Meeting) -> None:
    """The planning rules of a meeting, said in the words the forms show."""
    errors = {}
    if meeting.start_date and meeting.end_date and meeting.end_date < meeting.start_date:
        errors["end_date"] = MEETING_DATES_MESSAGE
    if meeting.status == Meeting.Status.SUBJECT_TO_FUNDING:
        if not meeting.funding_gap.strip():
            errors["funding_gap"] = FUNDING_GAP_MESSAGE
    else:
        # Once a meeting is no longer subject to funding, its gap is closed.
        meeting.funding_gap = ""
    if errors:
        raise ValidationError(errors)
    meeting.full_clean()
    _check_within_year(meeting)


def _check_within_year(meeting: Meeting) -> None:
    """A meeting of a dialogue year takes place in that year, from its first day to its last."""
    year = meeting.dialogue_year.year
    outside = {
        name: _("A meeting of IDM %(year)s takes place in %(year)s: choose a date in %(year)s.")
        % {"year": year}
        for name in ("start_date", "end_date")
        if getattr(meeting, name) is not None and getattr(meeting, name).year != year
    }
    if outside:
        raise ValidationError(outside)


@transaction.atomic
def meeting_create(
    *,
    dialogue_year: DialogueYear,
    by: "User | None",
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
    kind: str = Meeting.Kind.WORKSHOP,
    venue: str = "",
    status: str = Meeting.Status.PROPOSED,
    funding_gap: str = "",
    description: str = "",
    **translations: str,
) -> Meeting:
    """A new meeting of a year; its first status is the first entry of its history.
    `title_fr=`, `venue_es=`… are the translations of its texts."""
    _check_known(translations, translation_names(MEETING_TRANSLATED), "meeting")
    values = {"title": title, "venue": venue, "description": description, **translations}
    meeting = Meeting(
        dialogue_year=dialogue_year,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        status=status,
        funding_gap=funding_gap,
        updated_by=by,
        **translated_values(values, MEETING_TRANSLATED),
    )
    _check_meeting(meeting)
    meeting.save()
    MeetingStatusChange.objects.create(
        meeting=meeting, from_status="", to_status=meeting.status, changed_by=by
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: "User | None", **fields) -> Meeting:
    """Changes a meeting; a change of status is recorded with who made it and when."""
    _check_known(fields, MEETING_FIELDS, "meeting")
    attributes = translated_values(fields, MEETING_TRANSLATED)
    # Lock the row so that two simultaneous edits record the right "from" status.
    previous_status = (
        Meeting.objects.select_for_update().values_list("status", flat=True).get(pk=meeting.pk)
    )
    for name, value in attributes.items():
        setattr(meeting, name, value)
    meeting.updated_by = by
    _check_meeting(meeting)
    columns = update_fields_for(attributes, MEETING_TRANSLATED)
    meeting.save(update_fields=sorted({*columns, "funding_gap", "updated_by", "updated_at"}))
    if meeting.status != previous_status:
        MeetingStatusChange.objects.create(
            meeting=meeting, from_status=previous_status, to_status=meeting.status, changed_by=by
        )
    return meeting
