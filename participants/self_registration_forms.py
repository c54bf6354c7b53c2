"""The public registration form, the meeting's registration settings, the decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category, Organization
from .self_registration import SELF_REGISTRATION_CATEGORIES, SelfRegistrationForm, VisaDetails

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VISA_FIELDS = (
    "passport_name",
    "passport_number",
    "nationality",
    "date_of_birth",
    "passport_expiry_date",
)


class PublicRegistrationForm(forms.Form):
    """The form anyone may fill in while a meeting's registration is open.

    Passport details are asked only of those who tick the visa box: the fields are
    always on the page (it works without JavaScript) and required only then.
    """

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("Email"), help_text=_("We send a link to this address to confirm it.")
    )
    job_title = forms.CharField(label=_("Job title"), max_length=255, required=False)
    category = forms.ChoiceField(label=_("Category"))
    # The register's organizations, grouped by category (one query).
    organization = forms.ChoiceField(
        label=_("Organization"),
        required=False,
        help_text=_("Choose it in the list if it is there."),
    )
    typed_organization = forms.CharField(
        label=_("…or type its name"),
        max_length=255,
        required=False,
        help_text=_(
            "If your organization is not in the list, type its full name: the secretariat "
            "will add it."
        ),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Anything we should arrange so that you can take part fully."),
    )
    visa_needed = forms.BooleanField(
        label=_("I need a visa support letter"),
        required=False,
        help_text=_(
            "If you tick this box, give your passport details below. They are seen by the "
            "secretariat only and erased after the meeting."
        ),
    )
    passport_name = forms.CharField(
        label=_("Name as in the passport"), max_length=200, required=False
    )
    passport_number = forms.CharField(label=_("Passport number"), max_length=40, required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE_WIDGET)
    passport_expiry_date = forms.DateField(
        label=_("Passport valid until"), required=False, widget=DATE_WIDGET
    )
    listed_consent = forms.BooleanField(
        label=_("List my name in the published list of participants"),
        required=False,
        help_text=_(
            "The list of participants is published with the meeting's documents. "
            "Without your consent you are counted, but not named."
        ),
    )
    contact_consent = forms.BooleanField(
        label=_("Contact me about future IDM meetings"),
        required=False,
        help_text=_(
            "The secretariat may then write to you about later meetings of the dialogue. "
            "Without it, we write to you only about this registration."
        ),
    )
    # A field people never see (hidden by the page's style) and robots fill in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        from django_countries import countries

        labels = dict(Category.choices)
        self.fields["category"].choices = [
            ("", "—"),
            *((c, labels[c]) for c in SELF_REGISTRATION_CATEGORIES if c in categories),
        ]
        organizations = list(Organization.objects.filter(kind__in=categories).order_by("name"))
        self._organizations = {str(o.pk): o for o in organizations}
        self.fields["organization"].choices = [
            ("", "—"),
            *(
                (labels[c], [(str(o.pk), str(o)) for o in organizations if o.kind == c])
                for c in SELF_REGISTRATION_CATEGORIES
                if any(o.kind == c for o in organizations)
            ),
        ]
        self.fields["nationality"].choices = [("", "—"), *countries]

    def clean_organization(self):
        return self._organizations.get(self.cleaned_data["organization"])

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        data = super().clean()
        category = data.get("category")
        organization = data.get("organization")
        typed = (data.get("typed_organization") or "").strip()
        if organization is not None and typed:
            self.add_error(
                "typed_organization",
                _("Choose your organization in the list or type it, not both."),
            )
        elif category and category != Category.OTHER and organization is None and not typed:
            self.add_error(
                "organization", _("Choose your organization in the list, or type its name.")
            )
        if organization is not None and category and organization.kind != category:
            self.add_error(
                "organization",
                _("This organization is not of the category you chose."),
            )
        if data.get("visa_needed"):
            for field in VISA_FIELDS:
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, _("Needed for a visa support letter."))
            born, expires = data.get("date_of_birth"), data.get("passport_expiry_date")
            if born and expires and expires <= born:
                self.add_error("passport_expiry_date", _("Check this date."))
        return data

    def submitted(self, *, language: str) -> SelfRegistrationForm:
        data = self.cleaned_data
        visa = None
        if data["visa_needed"]:
            visa = VisaDetails(**{field: data[field] for field in VISA_FIELDS})
        return SelfRegistrationForm(
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data["email"].strip(),
            job_title=data["job_title"].strip(),
            category=data["category"],
            language=language,
            organization=data["organization"],
            typed_organization=data["typed_organization"],
            accessibility_needs=data["accessibility_needs"],
            listed_consent=data["listed_consent"],
            contact_consent=data["contact_consent"],
            visa=visa,
        )


class RegistrationSettingsForm(forms.Form):
    is_open = forms.BooleanField(
        label=_("Registration open"),
        required=False,
        help_text=_("The form is on the meeting's page while this is ticked, between the dates."),
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), required=False, widget=DATETIME_WIDGET)
    closes_at = forms.DateTimeField(label=_("Closes at"), required=False, widget=DATETIME_WIDGET)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_(
            "Places in all, counting every registration that holds one (the secretariat's "
            "too). Empty: no limit. Once they are taken, people go on the waiting list."
        ),
    )
    categories = forms.MultipleChoiceField(
        label=_("Who may register on the form"),
        required=False,
        choices=[(c.value, c.label) for c in SELF_REGISTRATION_CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Government delegates register through their state's focal point."),
    )
    needs_approval = forms.BooleanField(
        label=_("Registrations need the secretariat's approval"), required=False
    )
    message = forms.CharField(
        label=_("Message to registrants"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the form and in the e-mails to registrants."),
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Registration must close after it opens."))
        if data.get("is_open") and not data.get("categories"):
            self.add_error("categories", _("Tick who may register on the form."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["message"] = data["message"].strip()
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person reads it in the e-mail."),
    )


class ApproveForm(forms.Form):
    ACCEPT = "accept"
    organization_decision = forms.CharField(required=False)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration

    def clean_organization_decision(self):
        value = self.cleaned_data["organization_decision"]
        if not self.registration.typed_organization or value == self.ACCEPT:
            return value
        try:
            return Organization.objects.get(pk=int(value), kind=self.registration.category)
        except (ValueError, Organization.DoesNotExist):
            raise forms.ValidationError(
                _("Accept the organization as new, or choose the one to merge it into.")
            ) from None
