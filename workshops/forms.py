import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import DialogueYear, Meeting, MeetingDocument, SessionPerson, Suggestion
from .people import person_with_affiliation
from .uploads import ACCEPTED_EXTENSIONS, document_format_check


def _model_field(model, name, **kwargs):
    return model._meta.get_field(name).formfield(**kwargs)


class DialogueYearForm(forms.Form):
    # A plain form: the service steps the previous current year down, which a
    # ModelForm's constraint check would refuse before the service could run.
    year = _model_field(DialogueYear, "year", min_value=1990, max_value=2100)
    overarching_theme = _model_field(DialogueYear, "overarching_theme")
    description = _model_field(DialogueYear, "description")
    is_current = _model_field(DialogueYear, "is_current")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "start_date",
            "end_date",
            "venue",
            "status",
            "funding_gap",
            "description",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "funding_gap": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A meeting ends on or after the day it starts."))
        if cleaned.get("status") == Meeting.Status.SUBJECT_TO_FUNDING:
            if not cleaned.get("funding_gap", "").strip():
                self.add_error(
                    "funding_gap",
                    _("Say what funding is missing for a meeting subject to funding."),
                )
        else:
            # The gap closes with any other status (the service does the same).
            cleaned["funding_gap"] = ""
        return cleaned


class RegistrationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, registration):
        return person_with_affiliation(registration)


class SessionForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    title = forms.CharField(label=_("Title"), max_length=255)
    chairs = RegistrationChoiceField(
        label=_("Chairs"), queryset=None, required=False, widget=forms.SelectMultiple({"size": 6})
    )
    moderators = RegistrationChoiceField(
        label=_("Moderators"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple({"size": 6}),
    )
    speakers = RegistrationChoiceField(
        label=_("Speakers"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple({"size": 8}),
        help_text=_("Participants registered for this meeting. Hold Ctrl (or ⌘) for several."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Free text shown under the session."),
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
            "title": session.title,
            "note": session.note,
            "chairs": people[SessionPerson.Role.CHAIR],
            "moderators": people[SessionPerson.Role.MODERATOR],
            "speakers": people[SessionPerson.Role.SPEAKER],
        }

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("A session must end after it starts."))
            # Times are typed in the portal's time zone (the venue's) and stored in UTC.
            cleaned["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, starts))
            cleaned["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, ends))
        seen = {}
        for role in ("chairs", "moderators", "speakers"):
            for registration in cleaned.get(role) or []:
                if registration.pk in seen:
                    self.add_error(
                        role,
                        _("%(name)s is already among the %(role)s of this session.")
                        % {
                            "name": registration.participant.full_name,
                            "role": self.fields[seen[registration.pk]].label.lower(),
                        },
                    )
                seen[registration.pk] = role
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "note": data["note"],
            "chairs": data["chairs"],
            "moderators": data["moderators"],
            "speakers": data["speakers"],
        }


def _document_help_text() -> str:
    return gettext("PDF, Word, Excel, PowerPoint or OpenDocument; up to %(limit)s MB.") % {
        "limit": settings.MEETING_DOCUMENT_MAX_MB
    }


# Built when the form is shown: in the visitor's language, with the limit of the day.
document_help_text = lazy(_document_help_text, str)


class DocumentFileField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("File"))
        kwargs.setdefault("help_text", document_help_text())
        kwargs.setdefault(
            "widget", forms.ClearableFileInput({"accept": ",".join(ACCEPTED_EXTENSIONS)})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            document_format_check(file)
        return file


class MeetingDocumentForm(forms.ModelForm):
    file = DocumentFileField()

    class Meta:
        model = MeetingDocument
        fields = ["kind", "title", "language", "visibility"]


class MeetingDocumentEditForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["kind", "title", "language", "visibility"]


class DocumentVersionForm(forms.Form):
    file = DocumentFileField(label=_("New version"))


class SpeakerSuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["speaker_name", "speaker_function", "speaker_organization", "speaker_reason"]
        widgets = {"speaker_reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("speaker_name", "speaker_function", "speaker_organization", "speaker_reason"):
            self.fields[name].required = True


class CaseStudySuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
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
            (Suggestion.Status.ACCEPTED, _("Accept")),
            (Suggestion.Status.DECLINED, _("Decline")),
            (Suggestion.Status.USED, _("Mark as used")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the member state"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
