import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .models import Category, MemberState, Registration
from .widgets import QuickSelect

# Every sort ends with the name and the id, so that pages never shuffle rows.
SORTS = {
    "name": ("participant__last_name", "participant__first_name", "id"),
    "category": ("category", "participant__last_name", "participant__first_name", "id"),
    # People without a state (or organization) last, on every database.
    "state": (
        F("member_state__name").asc(nulls_last=True),
        "participant__last_name",
        "participant__first_name",
        "id",
    ),
    "organization": (
        F("organization__name").asc(nulls_last=True),
        "participant__last_name",
        "participant__first_name",
        "id",
    ),
    "status": ("status", "participant__last_name", "participant__first_name", "id"),
    "newest": ("-created_at", "-id"),
}


class RegistrationFilter(django_filters.FilterSet):
    """Filters, search and sort of a meeting's participants list (and of its export)."""

    q = django_filters.CharFilter(
        label=_("Name, organization or email"), method="search", distinct=False
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, widget=QuickSelect
    )
    member_state = django_filters.ModelChoiceFilter(
        label=_("Member state"), queryset=MemberState.objects.all(), widget=QuickSelect
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Registration.Role.choices, widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, widget=QuickSelect
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("name", _("Name")),
            ("category", _("Category")),
            ("state", _("Member state")),
            ("organization", _("Organization")),
            ("status", _("Status")),
            ("newest", _("Newest first")),
        ],
        method="sort_by",
        empty_label=None,
        widget=QuickSelect,
    )

    class Meta:
        model = Registration
        fields = ["q", "category", "member_state", "role", "status"]

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(participant__first_name__icontains=word)
                | Q(participant__last_name__icontains=word)
                | Q(participant__email__icontains=word)
                | Q(organization__name__icontains=word)
                | Q(organization__acronym__iexact=word)
            )
        return queryset
