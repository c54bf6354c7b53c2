"""Fields the secretariat enters per language (see common.translated)."""

from modeltranslation.translator import TranslationOptions, register

from common.translated import construct_in_original_language

from .models import Session


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "note")
    required_languages = ("en",)


for model in (Session,):
    construct_in_original_language(model)
