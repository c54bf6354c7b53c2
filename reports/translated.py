"""Whether a record of a lower app has its own text in a language.

Translated fields follow django-modeltranslation's naming (`title_fr`,
`full_text_es`): under `translation.override(lang)` the plain attribute already
gives that language with the original as fallback. This only tells whether a
translation exists, to mark the fallbacks in a preview. A model without such
fields (no `<field>_<lang>` attribute) simply has no translation.
"""

from django.conf import settings


def has_translation(instance, field: str, language: str) -> bool:
    if language == settings.LANGUAGE_CODE:
        return True  # the default language is the original of translated fields
    value = getattr(instance, f"{field}_{language}", None)
    return bool(value and str(value).strip())
