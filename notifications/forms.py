from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import OPTIONAL_KINDS, Kind


class SettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the portal's e-mails"), choices=settings.LANGUAGES
    )
    enabled_kinds = forms.MultipleChoiceField(
        label=_("E-mails I receive"),
        choices=[(kind.value, kind.label) for kind in (Kind(k) for k in OPTIONAL_KINDS)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Untick what you do not want to receive. Invitations and password resets "
            "are always sent."
        ),
    )
