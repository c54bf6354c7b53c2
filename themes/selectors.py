from django.db.models import QuerySet

from .models import Consultation, Proposal


def consultation_for_year(*, dialogue_year) -> Consultation | None:
    """The latest consultation on the theme of the given (target) year."""
    return Consultation.objects.filter(target_year=dialogue_year).order_by("-opens_at").first()


def proposal_list(*, consultation: Consultation) -> QuerySet[Proposal]:
    return consultation.proposals.select_related("member_state").order_by("position")
