from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DiscussionNote
from .services import NOTE_FIELDS


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
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.select_related(
            "dialogue_year"
        )
