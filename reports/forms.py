from django import forms
from django.utils.translation import gettext_lazy as _

from .docx_import import docx_check
from .markers import meeting_dates
from .models import DiscussionNote, NoteTranslation
from .services import NOTE_FIELDS, TRANSLATION_FIELDS, note_link_base


class NoteForm(forms.ModelForm):
    class Meta:
        model = DiscussionNote
        fields = list(NOTE_FIELDS)
        widgets = {
            "issue_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        }
        help_texts = {
            "body": _(
                "Markdown: ## for a section heading, ### for a sub-heading, a blank line "
                "between paragraphs (they are numbered for you), [^name] to call a footnote "
                "and [^name]: text for the footnote itself. Markers are listed beside."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = field.queryset.select_related("dialogue_year").order_by(
            "-dialogue_year__year", "start_date", "pk"
        )
        field.choices = [("", field.empty_label), *meeting_choices_by_year(field.queryset)]

    def clean(self):
        cleaned = super().clean()
        if "symbol" in cleaned:
            # IC/2010/5/Corr.1 typed here belongs to IC/2010/5: the model's checks need it.
            self.instance.symbol = cleaned["symbol"]
            note_link_base(self.instance)
        return cleaned


class NoteTranslationForm(forms.ModelForm):
    class Meta:
        model = NoteTranslation
        fields = list(TRANSLATION_FIELDS)
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "font-monospace"})}
        help_texts = {
            "body": _(
                "The same Markdown and markers as the original: keep the markers as they are "
                "(they print in this language), translate the text around them."
            ),
            "status": _(
                "Published: public as soon as the note itself is published. In translation: "
                "work under way, seen by the secretariat only."
            ),
        }


def meeting_choices_by_year(meetings) -> list[tuple[str, list[tuple[int, str]]]]:
    """Meetings grouped under their dialogue year, newest year first, each with its dates.

    Every year has meetings of the same titles ("Intersessional workshop"): the
    group and the dates tell them apart.
    """
    groups: dict[str, list[tuple[int, str]]] = {}
    for meeting in meetings:
        year = _("IDM %(year)s") % {"year": meeting.dialogue_year.year}
        groups.setdefault(year, []).append(
            (meeting.pk, f"{meeting.title} · {meeting_dates(meeting)}")
        )
    return list(groups.items())


class DocxUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word draft (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text=_(
            "Headings in Word's Heading styles, paragraphs numbered or not, italics, bold, "
            "lists and footnotes come through. Nothing is saved before you confirm."
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        docx_check(file)
        return file


class DocxReviewForm(forms.Form):
    body = forms.CharField(
        label=_("Body converted from Word"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        help_text=_("Correct it here if need be; saving replaces the note's body with it."),
    )
