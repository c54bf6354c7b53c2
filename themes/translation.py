"""Fields the secretariat enters per language (see common.translated)."""

from modeltranslation.translator import TranslationOptions, register

from common.translated import construct_in_original_language

from .models import Consultation, Proposal


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ("en",)


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "summary", "full_text")
    required_languages = ("en",)


for model in (
    Consultation,
    Proposal,
):
    construct_in_original_language(model)
