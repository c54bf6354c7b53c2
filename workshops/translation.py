"""Fields the secretariat enters per language (see common.translated)."""

from modeltranslation.translator import TranslationOptions, register

from .models import DialogueYear, Meeting


@register(DialogueYear)
class DialogueYearTranslation(TranslationOptions):
    fields = ("overarching_theme", "description")
    required_languages = ("en",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "venue", "description")
    required_languages = ("en",)
