import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Kind, OutboxMessage


class OutboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Address or subject"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutboxMessage.Status.choices)
    since = django_filters.DateFilter(
        label=_("Queued on or after"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = OutboxMessage
        fields = ["q", "kind", "status", "since"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(address__icontains=value) | Q(subject__icontains=value))
