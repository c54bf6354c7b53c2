"""Content entered per language: the columns django-modeltranslation adds.

A translated field (a meeting's `title`) has a column per language (`title_en`,
`title_fr`, `title_es`). English is the original: it is required where the field
is, it is the key of the unique constraints, and it is what a reader gets when the
field has no version in their language. Reading `meeting.title` gives the active
language's version with that fallback. Writing must not depend on the active
language, so services write the `_<lang>` columns by name and models save and
validate in the original language (`TranslatedModel`), which also keeps the
plain `title` column equal to the original.
"""

import contextlib

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst, format_lazy

ORIGINAL = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
TRANSLATIONS = tuple(language for language in LANGUAGES if language != ORIGINAL)


def localized(field: str, language: str) -> str:
    """The attribute of one language's version: `title`, "fr" → `title_fr`."""
    return f"{field}_{language.replace('-', '_')}"


def has_translation(instance, field: str, language: str) -> bool:
    """Whether `field` has its own text in `language` (the original always has); a record
    without a `<field>_<language>` column has none. Marks the fallbacks of a preview."""
    if language == ORIGINAL:
        return True
    value = getattr(instance, localized(field, language), None)
    return bool(value and str(value).strip())


def translation_names(fields: tuple[str, ...]) -> tuple[str, ...]:
    """The keywords a service takes for the translations of its fields."""
    return tuple(localized(field, language) for field in fields for language in TRANSLATIONS)


def in_original_language():
    return translation.override(ORIGINAL)


def translated_values(values: dict, translated: tuple[str, ...]) -> dict:
    """A service's keywords as the attributes to set.

    The plain name (`title`) is the original and goes to `title_en`; `title_fr`
    and `title_es` stay, an empty one stored as NULL ("not translated"), so that
    it falls back to the original and never collides in a unique constraint.
    """
    attributes = {}
    for name, value in values.items():
        base, _, language = name.rpartition("_")
        if name in translated:
            attributes[localized(name, ORIGINAL)] = value
        elif base in translated and language in TRANSLATIONS:
            attributes[name] = value or None
        else:
            attributes[name] = value
    return attributes


def update_fields_for(attributes, translated: tuple[str, ...]) -> set[str]:
    """The columns to save after setting `attributes`: the original's plain column too."""
    names = set(attributes)
    names.update(field for field in translated if localized(field, ORIGINAL) in names)
    return names


def construct_in_original_language(model) -> None:
    """`Meeting(title=…)` sets the original, `title_en`, in any active language.

    modeltranslation's constructor gives a plain keyword to the active language's
    column; called after registering a model (its `translation.py`), this runs that
    constructor in English, so that services, factories and loaders mean the original.
    """
    init = model.__init__

    def __init__(self, *args, **kwargs):
        with in_original_language():
            init(self, *args, **kwargs)

    model.__init__ = __init__


class TranslatedModel:
    """Saves and validates in the original language, whatever the request's.

    modeltranslation fills the plain column and checks unique constraints through
    the active language's version; done in English they keep meaning the original.
    """

    def save(self, *args, **kwargs):
        with in_original_language():
            return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        with in_original_language():
            return super().full_clean(*args, **kwargs)


def stored_value(instance, name: str, translated: tuple[str, ...]):
    """The stored value a service keyword names (`title` is the original), whatever
    the active language; a missing translation reads as ""."""
    if name in translated:
        return getattr(instance, localized(name, ORIGINAL))
    base, _, language = name.rpartition("_")
    if base in translated and language in TRANSLATIONS:
        return getattr(instance, name) or ""
    return getattr(instance, name)


def translated_fields(model) -> tuple[str, ...]:
    """The model's fields entered per language (empty for a model without any)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def original_label(verbose_name):
    """ "Title (English)": the label of the original beside its translations."""
    return format_lazy("{} ({})", capfirst(verbose_name), dict(settings.LANGUAGES)[ORIGINAL])


def original_columns(model) -> tuple[str, ...]:
    """`title_en`…: columns a form leaves out, since its plain field is the original."""
    return tuple(localized(field, ORIGINAL) for field in translated_fields(model))


class OriginalLanguageFormMixin:
    """A ModelForm (the admin's) whose plain fields (`title`) are the English original,
    shown and saved as such beside `title_fr` and `title_es`, in any interface language."""

    def __init__(self, *args, **kwargs):
        with in_original_language():
            super().__init__(*args, **kwargs)
        for name in translated_fields(self._meta.model):
            if name in self.fields:
                self.fields[name].label = original_label(
                    self._meta.model._meta.get_field(name).verbose_name
                )

    def _post_clean(self):
        with in_original_language():
            super()._post_clean()


def normalized(values: dict, translated: tuple[str, ...]) -> dict:
    """A service's keywords with a missing translation as "" (a form may give None)."""
    names = set(translation_names(translated))
    return {
        name: "" if value is None and name in names else value for name, value in values.items()
    }


def form_fields(model) -> list[str]:
    """A ModelForm's fields: every editable one, the `_en` columns left to the plain field."""
    left_out = set(original_columns(model))
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and getattr(field, "editable", False)
        and not field.auto_created
        and field.name not in left_out
        and not (field.many_to_many and not field.remote_field.through._meta.auto_created)
    ]


def requested_language(request) -> str | None:
    """`?language=fr` on a calendar feed: a calendar program subscribes without the
    reader's cookie or browser language, so the link carries it. None if absent or unknown."""
    language = request.GET.get("language", "")
    return language if language in LANGUAGES else None


def in_requested_language(request):
    """The texts in the language the URL asks for, else in the request's."""
    language = requested_language(request)
    return translation.override(language) if language else contextlib.nullcontext()
