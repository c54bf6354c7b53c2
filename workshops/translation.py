"""Fields the secretariat enters per language (see common.translated)."""

from modeltranslation.translator import TranslationOptions, register

from common.translated import construct_in_original_language

from .models import DialogueYear, Meeting


@register(DialogueYear)
class DialogueYearTranslation(TranslationOptions):
    fields = ("overarching_theme", "description")
    required_languages = ("en",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "venue", "description")
    required_languages = ("en",)


for model in (
    DialogueYear,
    Meeting,
):
    construct_in_original_language(model)
