from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    ORGANIZATION_CATEGORIES,
    Category,
    DelegationProposal,
    MemberState,
    Organization,
    Participant,
    Registration,
)
from .services import PersonDetails
from .sheet_limits import MAX_FILE_BYTES

NEW_PERSON = "new"


class RegistrationForm(forms.Form):
    """A registration with its person; the affiliation the category requires is checked here
    (for a clear message) and by the database (so that no other path can skip it)."""

    honorific = forms.CharField(label=_("Honorific"), max_length=32, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=255, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    member_state = forms.ModelChoiceField(
        label=_("Member state represented"),
        queryset=MemberState.objects.all(),
        required=False,
        help_text=_("Government delegates only."),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        required=False,
        help_text=_(
            "International organizations, NGOs, the private sector, academia and the media."
        ),
    )
    new_organization = forms.CharField(
        label=_("…or a new organization"),
        max_length=255,
        required=False,
        help_text=_("If the organization is not in the list, type its full name."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Registration.Role.choices, initial=Registration.Role.DELEGATE
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Registration.Status.choices,
        initial=Registration.Status.REGISTERED,
    )

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category == Category.GOVERNMENT:
            if not data.get("member_state"):
                self.add_error(
                    "member_state", _("A government delegate represents a member state.")
                )
            if data.get("organization") or data.get("new_organization"):
                self.add_error(
                    "organization",
                    _("Government delegates represent their state, not an organization."),
                )
        elif data.get("member_state"):
            self.add_error("member_state", _("Only government delegates represent a member state."))
        if data.get("organization") and data.get("new_organization"):
            self.add_error(
                "new_organization", _("Pick an organization from the list or type a new one.")
            )
        needs_organization = category in {c.value for c in ORGANIZATION_CATEGORIES}
        if needs_organization and not (data.get("organization") or data.get("new_organization")):
            self.add_error(
                "organization", _("Participants of this category come from an organization.")
            )
        return data

    def person(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            honorific=data["honorific"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            job_title=data["job_title"],
        )


class RegistrationCreateForm(RegistrationForm):
    """Offers the people of the register who may be this person before creating anyone.

    After a first submission that finds matches, `person` lists them: the user
    picks one, or (unless the email matched) says it is somebody new.
    """

    person_choice = forms.ChoiceField(
        label=_("Is this somebody already in the register?"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, matches: list[Participant] = (), email_matched=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = {str(p.pk): p for p in matches}
        if not self.matches:
            del self.fields["person_choice"]
            return
        choices = [
            (pk, f"{p.full_name} · {p.email or _('no email')} · {p.job_title or '—'}")
            for pk, p in self.matches.items()
        ]
        if not email_matched:
            choices.append((NEW_PERSON, _("No: register a new person")))
        field = self.fields["person_choice"]
        field.choices = choices
        field.required = True
        field.help_text = (
            _("A person with this email is in the register: the registration will be theirs.")
            if email_matched
            else _("People with this name and affiliation are in the register.")
        )

    def chosen_participant(self) -> Participant | None:
        return self.matches.get(self.cleaned_data.get("person_choice") or "")


class RegistrationUpdateForm(RegistrationForm):
    @classmethod
    def initial_for(cls, registration: Registration) -> dict:
        person = registration.participant
        return {
            "honorific": person.honorific,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "job_title": person.job_title,
            "category": registration.category,
            "member_state": registration.member_state_id,
            "organization": registration.organization_id,
            "role": registration.role,
            "status": registration.status,
        }


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Participants file (CSV or XLSX)"),
        help_text=_("At most 10 MB. Download the template below for the columns."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class DelegationProposalForm(forms.ModelForm):
    class Meta:
        model = DelegationProposal
        fields = ["honorific", "first_name", "last_name", "email", "job_title", "role"]
        help_texts = {"email": _("Required: it tells the secretariat who the person is.")}

    def person(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            **{k: data[k] for k in ("honorific", "first_name", "last_name", "email", "job_title")}
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the focal point sees it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class CredentialsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Note verbale or credentials letter (PDF)"),
        help_text=_(
            "A new upload replaces the current document; the earlier ones are kept. "
            "The secretariat verifies it."
        ),
        widget=forms.ClearableFileInput({"accept": ".pdf,application/pdf"}),
    )


class CredentialsRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why a new document is needed (the focal points see it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
