from django.db.models import QuerySet

from .models import DialogueYear, Meeting


def dialogue_year_current() -> DialogueYear | None:
    """The year marked current, else the most recent one."""
    return DialogueYear.objects.order_by("-is_current", "-year").first()


def meeting_list(*, dialogue_year: DialogueYear) -> QuerySet[Meeting]:
    return Meeting.objects.filter(dialogue_year=dialogue_year).select_related("dialogue_year")


def meeting_get(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("dialogue_year").get(pk=pk)
