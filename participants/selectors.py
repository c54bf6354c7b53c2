from django.db.models import QuerySet

from .models import MemberState, Registration


def registration_count(*, meeting) -> int:
    return Registration.objects.filter(meeting=meeting).count()


def member_state_list() -> QuerySet[MemberState]:
    return MemberState.objects.all()


def registration_list_for_publication(*, meeting) -> QuerySet[Registration]:
    """Who goes on a meeting's published list of participants, in the list's order.

    Withdrawn and no-show registrations are left out. Order: category as
    declared in `Category`, then member state or organization by name, heads
    of delegation first, then by name.
    """
    from django.db.models import Case, IntegerField, Value, When

    from .models import Category

    category_order = Case(
        *(When(category=value, then=Value(index)) for index, value in enumerate(Category.values)),
        output_field=IntegerField(),
    )
    head_first = Case(
        When(role=Registration.Role.HEAD_OF_DELEGATION, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(status__in=[Registration.Status.WITHDRAWN, Registration.Status.NO_SHOW])
        .select_related("participant", "member_state", "organization")
        .order_by(
            category_order,
            "member_state__name",
            "organization__name",
            head_first,
            "participant__last_name",
            "participant__first_name",
        )
    )
