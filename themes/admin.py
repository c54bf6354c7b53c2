from django.contrib import admin

from . import services
from .models import Consultation, Proposal, ThemeSuggestion, Vote, VoteEvent


def _ballot_is_closed(consultation) -> bool:
    return consultation is not None and consultation.is_closed()


class ProposalInline(admin.StackedInline):
    """Proposals join a ballot through the portal, which numbers them and checks it is open."""

    model = Proposal
    extra = 0
    autocomplete_fields = ("member_state",)

    def has_add_permission(self, request, obj=None):
        return False

    # obj is the consultation: once voting has closed, its ballot is kept as voted on.
    def has_change_permission(self, request, obj=None):
        return not _ballot_is_closed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _ballot_is_closed(obj) and super().has_delete_permission(request, obj)


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "target_year", "opens_at", "closes_at", "allow_vote_change")
    list_filter = ("target_year",)
    search_fields = ("title", "introduction")
    list_select_related = ("target_year",)
    inlines = [ProposalInline]
    # The result is declared and published through the portal, which also sets
    # the target year's theme; here it is only shown.
    readonly_fields = (
        "created_at",
        "created_by",
        "selected_proposal",
        "result_declared_at",
        "result_declared_by",
        "result_published_at",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.selected_proposal_id is not None:
            # The declared result fixes them; the service would refuse a change.
            fields = (*fields, *services.CONSULTATION_FIELDS_FIXED_BY_RESULT)
        return fields

    def save_model(self, request, obj, form, change):
        # Through the services, which hold the rules of a consultation.
        fields = {
            name: form.cleaned_data[name]
            for name in services.CONSULTATION_EDITABLE_FIELDS
            if name in form.cleaned_data
        }
        if change:
            services.consultation_update(consultation=obj, **fields)
        else:
            created = services.consultation_create(by=request.user, **fields)
            obj.pk = created.pk
            obj._state.adding = False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "consultation", "position", "origin", "member_state")
    list_filter = ("origin", "consultation")
    search_fields = ("title", "summary", "full_text")
    list_select_related = ("consultation", "member_state")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        closed = obj is not None and _ballot_is_closed(obj.consultation)
        return not closed and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        closed = obj is not None and _ballot_is_closed(obj.consultation)
        return not closed and super().has_delete_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The secretariat reads these records; they change only through the portal's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("member_state", "proposal", "cast_by", "cast_at", "consultation")
    list_filter = ("consultation",)
    search_fields = ("member_state__name",)
    list_select_related = ("member_state", "proposal", "cast_by", "consultation")


@admin.register(VoteEvent)
class VoteEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "member_state", "user", "from_proposal", "to_proposal", "consultation")
    list_filter = ("consultation",)
    search_fields = ("member_state__name", "user__username")
    list_select_related = (
        "member_state",
        "user",
        "from_proposal",
        "to_proposal",
        "consultation",
    )


@admin.register(ThemeSuggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "member_state", "status", "submitted_at", "consultation")
    list_filter = ("status", "consultation")
    search_fields = ("title", "rationale", "member_state__name")
    list_select_related = ("member_state", "consultation")
