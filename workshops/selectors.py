import datetime

from django.db.models import Prefetch, Q, QuerySet

from .models import (
    DialogueYear,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    MeetingStatusChange,
    Subscription,
)


def dialogue_year_current() -> DialogueYear | None:
    """The year marked current, else the most recent one."""
    return DialogueYear.objects.order_by("-is_current", "-year").first()


def dialogue_year_list() -> QuerySet[DialogueYear]:
    return DialogueYear.objects.order_by("-year")


def dialogue_year_get(*, year: int) -> DialogueYear:
    return DialogueYear.objects.get(year=year)


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


def meeting_list_split(
    *, dialogue_year: DialogueYear, today: datetime.date
) -> tuple[list[Meeting], list[Meeting]]:
    """(past, upcoming) meetings of a year: a meeting is past once its last day is over."""
    meetings = list(meeting_list(dialogue_year=dialogue_year))
    past = [m for m in meetings if m.end_date < today]
    upcoming = [m for m in meetings if m.end_date >= today]
    return past, upcoming


def meeting_list_for_calendar(*, today: datetime.date) -> QuerySet[Meeting]:
    """Meetings of every year not over yet and not cancelled: the public calendar feed."""
    return (
        Meeting.objects.filter(end_date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("dialogue_year")
        .order_by("start_date", "title")
    )


def meeting_document_list(*, meeting: Meeting, staff: bool) -> QuerySet[MeetingDocument]:
    """Documents of a meeting that the reader may see, each with its versions (newest first)."""
    documents = MeetingDocument.objects.filter(meeting=meeting).prefetch_related(
        Prefetch("versions", queryset=MeetingDocumentVersion.objects.select_related("uploaded_by"))
    )
    if not staff:
        documents = documents.filter(visibility=MeetingDocument.Visibility.PUBLIC)
    return documents


def meeting_document_get(*, pk: int) -> MeetingDocument:
    return MeetingDocument.objects.select_related("meeting").get(pk=pk)


def meeting_document_version_get(*, pk: int) -> MeetingDocumentVersion:
    return MeetingDocumentVersion.objects.select_related("document__meeting").get(pk=pk)


def meeting_status_history(*, meeting: Meeting) -> QuerySet[MeetingStatusChange]:
    return meeting.status_changes.select_related("changed_by")


def meeting_list_open_for_suggestions(*, today: datetime.date) -> QuerySet[Meeting]:
    """Meetings a focal point may still suggest speakers or case studies for."""
    return (
        Meeting.objects.filter(Meeting.accepting_suggestions_q(today=today))
        .select_related("dialogue_year")
        .order_by("start_date", "title")
    )


def subscribed_user_ids(*, meeting: Meeting) -> set[int]:
    """Who follows a meeting's documents: subscribers of the meeting and of its year."""
    return set(
        Subscription.objects.filter(
            Q(meeting=meeting) | Q(dialogue_year_id=meeting.dialogue_year_id)
        ).values_list("user_id", flat=True)
    )


def subscription_exists(*, user, meeting: Meeting | None = None, dialogue_year=None) -> bool:
    if not user.is_authenticated:
        return False
    target = {"meeting": meeting} if meeting is not None else {"dialogue_year": dialogue_year}
    return Subscription.objects.filter(user=user, **target).exists()
