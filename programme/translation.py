"""Fields the secretariat enters per language (see common.translated)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Session


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "note")
    required_languages = ("en",)
