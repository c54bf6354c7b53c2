import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.translated_forms import initial_texts, language_layout, per_language
from workshops.models import Meeting

from .models import SessionPerson, SpeakerSuggestion
from .people import person_with_affiliation
from .services.agenda import ROLE_GROUPS


class RegistrationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, registration):
        return person_with_affiliation(registration)


class SessionForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    title, title_fr, title_es = per_language(forms.CharField(label=_("Title"), max_length=255))
    chairs = RegistrationChoiceField(
        label=ROLE_GROUPS[SessionPerson.Role.CHAIR],
        queryset=None,
        required=False,
        widget=forms.SelectMultiple({"size": 6}),
    )
    moderators = RegistrationChoiceField(
        label=ROLE_GROUPS[SessionPerson.Role.MODERATOR],
        queryset=None,
        required=False,
        widget=forms.SelectMultiple({"size": 6}),
    )
    speakers = RegistrationChoiceField(
        label=ROLE_GROUPS[SessionPerson.Role.SPEAKER],
        queryset=None,
        required=False,
        widget=forms.SelectMultiple({"size": 8}),
        help_text=_("Participants registered for this meeting. Hold Ctrl (or ⌘) for several."),
    )
    note, note_fr, note_es = per_language(
        forms.CharField(
            label=_("Note"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Free text shown under the session."),
        )
    )

    def __init__(self, *args, meeting: Meeting, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        days = []
        day = meeting.start_date
        while day <= meeting.end_date:
            days.append((day.isoformat(), date_format(day, "l j F Y")))
            day += datetime.timedelta(days=1)
        self.fields["day"].choices = days
        for name in ("chairs", "moderators", "speakers"):
            self.fields[name].queryset = registrations
        self.helper = language_layout(self)

    @classmethod
    def initial_for(cls, session) -> dict:
        starts = timezone.localtime(session.starts_at)
        people = {role: [] for role in SessionPerson.Role.values}
        for person in session.session_people.all():
            people[person.role].append(person.registration_id)
        return {
            "day": starts.date().isoformat(),
            "starts": starts.time(),
            "ends": timezone.localtime(session.ends_at).time(),
            **initial_texts(session, ("title", "note")),
            "chairs": people[SessionPerson.Role.CHAIR],
            "moderators": people[SessionPerson.Role.MODERATOR],
            "speakers": people[SessionPerson.Role.SPEAKER],
        }

    def clean(self):
        # Only turns the day and times into moments; the service checks the session.
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            # Times are typed in the portal's time zone (the venue's) and stored in UTC.
            cleaned["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, starts))
            cleaned["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, ends))
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in ("title", "title_fr", "title_es")},
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            **{name: data[name] for name in ("note", "note_fr", "note_es")},
            "chairs": data["chairs"],
            "moderators": data["moderators"],
            "speakers": data["speakers"],
        }


class SpeakerSuggestionForm(forms.ModelForm):
    class Meta:
        model = SpeakerSuggestion
        fields = ["speaker_name", "speaker_function", "speaker_organization", "speaker_reason"]
        widgets = {"speaker_reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("speaker_name", "speaker_function", "speaker_organization", "speaker_reason"):
            self.fields[name].required = True


class CaseStudySuggestionForm(forms.ModelForm):
    class Meta:
        model = SpeakerSuggestion
        fields = ["case_title", "case_place", "case_summary"]
        widgets = {"case_summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True


class SuggestionReviewForm(forms.Form):
    # Nothing is chosen for the reviewer: a decision sent unseen would reach the state.
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("", _("— Choose a decision —")),
            (SpeakerSuggestion.Status.ACCEPTED, _("Accept")),
            (SpeakerSuggestion.Status.DECLINED, _("Decline")),
            (SpeakerSuggestion.Status.USED, _("Mark as used")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the member state"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
