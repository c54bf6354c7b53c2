from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from common.translated_forms import initial_texts, language_layout, per_language
from participants.selectors import member_state_list
from workshops.selectors import dialogue_year_list

from .models import Proposal

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _helper(submit_label, action=None) -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    if action:
        helper.form_action = action
    helper.add_input(Submit("submit", submit_label))
    return helper


class ConsultationForm(forms.Form):
    target_year = forms.ModelChoiceField(
        label=_("Target dialogue year"), queryset=dialogue_year_list()
    )
    title, title_fr, title_es = per_language(forms.CharField(label=_("Title"), max_length=255))
    introduction, introduction_fr, introduction_es = per_language(
        forms.CharField(label=_("Introduction"), widget=forms.Textarea, required=False)
    )
    opens_at = forms.DateTimeField(label=_("Voting opens at"), widget=DATETIME_WIDGET)
    closes_at = forms.DateTimeField(label=_("Voting closes at"), widget=DATETIME_WIDGET)
    allow_vote_change = forms.BooleanField(
        label=_("States may change their vote before the close"), required=False, initial=True
    )
    votes_public_while_open = forms.BooleanField(
        label=_("The secretariat may read each state's vote while voting is open"),
        required=False,
        initial=False,
        help_text=_("Otherwise the votes CSV and the vote history open once voting has closed."),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = language_layout(self, _helper(submit_label or _("Save")))

    @staticmethod
    def texts_of(consultation) -> dict:
        return initial_texts(consultation, ("title", "introduction"))

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("Voting must close after it opens."))
        return cleaned


class ProposalForm(forms.Form):
    title, title_fr, title_es = per_language(forms.CharField(label=_("Title"), max_length=255))
    summary, summary_fr, summary_es = per_language(
        forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    )
    full_text, full_text_fr, full_text_es = per_language(
        forms.CharField(
            label=_("Full text"),
            widget=forms.Textarea,
            required=False,
            help_text=_("Markdown; one paragraph per blank line."),
        )
    )
    origin = forms.ChoiceField(
        label=_("Origin"), choices=Proposal.Origin.choices, initial=Proposal.Origin.ADMINISTRATION
    )
    member_state = forms.ModelChoiceField(
        label=_("Proposing member state"),
        queryset=member_state_list(),
        required=False,
        help_text=_("Only for a proposal made by a member state."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = language_layout(self, _helper(_("Add to the ballot")))

    def clean(self):
        cleaned = super().clean()
        from_a_state = cleaned.get("origin") == Proposal.Origin.MEMBER_STATE
        if from_a_state and not cleaned.get("member_state"):
            self.add_error("member_state", _("Name the member state that proposes this theme."))
        if not from_a_state and cleaned.get("member_state"):
            self.add_error(
                "member_state", _("Leave this empty for a proposal of the Administration.")
            )
        return cleaned


class VoteForm(forms.Form):
    proposal = forms.ChoiceField(label=_("Your state's choice"), widget=forms.RadioSelect)
    # The state's vote when the form was shown: tells a change from a first
    # vote, so that a vote recorded meanwhile by a colleague is not overwritten.
    seen_proposal = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, proposals, action=None, has_vote=False, **kwargs):
        """Shown only; the posted vote is read by VoteSubmitForm."""
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [(p.pk, p.title) for p in proposals]
        label = _("Change my state's vote") if has_vote else _("Cast my state's vote")
        self.helper = _helper(label, action)
        # The choice goes to the confirmation page first (idm_portal/confirmation.py).
        self.helper.form_method = "get"


class VoteSubmitForm(forms.Form):
    """The vote as posted: ids only, the service checks them against the database."""

    proposal = forms.IntegerField(error_messages={"required": _("Choose one of the proposals.")})
    seen_proposal = forms.IntegerField(required=False)


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Suggested theme"), max_length=255)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Submit the suggestion"), action)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining (the suggesting state sees it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclareResultForm(forms.Form):
    proposal = forms.TypedChoiceField(
        label=_("Selected theme"),
        coerce=int,
        error_messages={
            "required": _("Choose the selected theme."),
            "invalid_choice": _("Choose one of the proposals on the ballot."),
        },
    )

    def __init__(self, *args, tally, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [
            (p.pk, f"{p.title} ({p.vote_count})" if hasattr(p, "vote_count") else p.title)
            for p in tally
        ]
