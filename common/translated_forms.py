"""Form fields for content entered per language (see common.translated).

A translated text is three fields: the English original under the plain name
(`title`, required where the text is) and its French and Spanish versions
(`title_fr`, `title_es`, optional: an empty one falls back to English). They are
grouped in a fieldset whose legend names the text, each labelled with its
language, so that a screen reader hears "Title, group: Title (French)".
"""

import copy

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils.text import format_lazy

from .translated import ORIGINAL, TRANSLATIONS, localized


def _language_name(language: str):
    return dict(settings.LANGUAGES)[language]


def per_language(field: forms.Field) -> list[forms.Field]:
    """The original field, then one optional copy per translation, each labelled
    "<label> (<language>)"; unpack them into `title, title_fr, title_es`."""
    label = field.label
    versions = [field]
    for language in TRANSLATIONS:
        version = copy.deepcopy(field)
        version.required = False
        version.label = format_lazy("{} ({})", label, _language_name(language))
        versions.append(version)
    field.label = format_lazy("{} ({})", label, _language_name(ORIGINAL))
    field.legend = label
    return versions


def language_layout(form: forms.Form, helper: FormHelper | None = None) -> FormHelper:
    """The form's fields in order, each translated text in a fieldset of its own."""
    helper = helper or FormHelper()
    if not helper.inputs:
        helper.form_tag = False
    translations = {
        localized(name, language)
        for name, field in form.fields.items()
        if hasattr(field, "legend")
        for language in TRANSLATIONS
    }
    items = []
    for name, field in form.fields.items():
        if name in translations:
            continue
        if hasattr(field, "legend"):
            names = [name, *(localized(name, language) for language in TRANSLATIONS)]
            items.append(Fieldset(field.legend, *names, css_class="border rounded p-3 mb-3"))
        else:
            items.append(name)
    helper.layout = Layout(*items)
    return helper


def initial_texts(instance, names) -> dict:
    """A form's initial values of translated texts: the original and each stored version."""
    initial = {}
    for name in names:
        initial[name] = getattr(instance, localized(name, ORIGINAL)) or ""
        for language in TRANSLATIONS:
            initial[localized(name, language)] = getattr(instance, localized(name, language)) or ""
    return initial
