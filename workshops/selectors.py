from django.db.models import QuerySet

from .models import DialogueYear, Meeting


def dialogue_year_current() -> DialogueYear | None:
    """The year marked current, else the most recent one."""
    return DialogueYear.objects.order_by("-is_current", "-year").first()


def meeting_list(*, dialogue_year: DialogueYear) -> QuerySet[Meeting]:
    return Meeting.objects.filter(dialogue_year=dialogue_year).select_related("dialogue_year")


def meeting_get(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("dialogue_year").get(pk=pk)


def meeting_list_upcoming(*, dialogue_year: DialogueYear, after) -> QuerySet[Meeting]:
    """Meetings of the year starting after a date (a note's date of issue, say)."""
    return (
        meeting_list(dialogue_year=dialogue_year)
        .filter(start_date__gt=after)
        .exclude(status=Meeting.Status.CANCELLED)
    )
