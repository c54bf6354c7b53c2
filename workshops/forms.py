from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.translated_forms import initial_texts, language_layout, per_language

from .models import DialogueYear, Meeting, MeetingDocument
from .uploads import ACCEPTED_EXTENSIONS, document_format_check


def _model_field(model, name, **kwargs):
    return model._meta.get_field(name).formfield(**kwargs)


class DialogueYearForm(forms.Form):
    # A plain form: the service steps the previous current year down, which a
    # ModelForm's constraint check would refuse before the service could run.
    year = _model_field(DialogueYear, "year", min_value=1990, max_value=2100)
    overarching_theme, overarching_theme_fr, overarching_theme_es = per_language(
        _model_field(DialogueYear, "overarching_theme")
    )
    description, description_fr, description_es = per_language(
        _model_field(DialogueYear, "description", widget=forms.Textarea(attrs={"rows": 4}))
    )
    is_current = _model_field(DialogueYear, "is_current")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = language_layout(self)

    @staticmethod
    def initial_for(year: DialogueYear) -> dict:
        return {
            "year": year.year,
            "is_current": year.is_current,
            **initial_texts(year, ("overarching_theme", "description")),
        }


class MeetingForm(forms.Form):
    # A plain form: the service decides (dates, funding gap) and the form shows its
    # messages, instead of a ModelForm checking the model's constraints first.
    kind = _model_field(Meeting, "kind")
    title, title_fr, title_es = per_language(_model_field(Meeting, "title"))
    start_date = _model_field(
        Meeting,
        "start_date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_date = _model_field(
        Meeting, "end_date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    venue, venue_fr, venue_es = per_language(_model_field(Meeting, "venue"))
    status = _model_field(Meeting, "status")
    funding_gap = _model_field(Meeting, "funding_gap", widget=forms.Textarea(attrs={"rows": 3}))
    description, description_fr, description_es = per_language(
        _model_field(Meeting, "description", widget=forms.Textarea(attrs={"rows": 4}))
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = language_layout(self)

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        texts = initial_texts(meeting, ("title", "venue", "description"))
        return {
            name: texts.get(name, getattr(meeting, name, None)) for name in MeetingForm.base_fields
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
