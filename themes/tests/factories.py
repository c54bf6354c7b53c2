import datetime

import factory
from django.utils import timezone

from participants.tests.factories import FocalPointFactory
from themes.models import Consultation, Proposal, ThemeSuggestion
from workshops.tests.factories import DialogueYearFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """Open now by default: opened yesterday, closes tomorrow."""

    class Meta:
        model = Consultation

    target_year = factory.SubFactory(
        DialogueYearFactory, year=2011, overarching_theme="", is_current=False
    )
    title = factory.Sequence(lambda n: f"Overarching theme, consultation {n}")
    introduction = "Choose the theme of next year."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))


class ClosedConsultationFactory(ConsultationFactory):
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Proposed theme {n}")
    summary = "A summary."
    full_text = "First paragraph.\n\nSecond *paragraph*."


class ThemeSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeSuggestion

    consultation = factory.SubFactory(ConsultationFactory)
    submitted_by = factory.SubFactory(FocalPointFactory)
    member_state = factory.SelfAttribute("submitted_by.member_state")
    title = factory.Sequence(lambda n: f"Suggested theme {n}")
    rationale = "Because it matters."
