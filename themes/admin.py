from django.contrib import admin

from accounts.roles import is_secretariat

from .models import Consultation, Proposal, Suggestion, Vote, VoteEvent


class ProposalInline(admin.StackedInline):
    model = Proposal
    extra = 0
    autocomplete_fields = ("member_state",)


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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "consultation", "position", "origin", "member_state")
    list_filter = ("origin", "consultation")
    search_fields = ("title", "summary", "full_text")
    list_select_related = ("consultation", "member_state")


class ReadOnlyAdmin(admin.ModelAdmin):
    """The secretariat reads these records; they change only through the portal's services."""

    # The Secretariat group carries no model permissions: the role decides.
    def has_module_permission(self, request):
        return is_secretariat(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user) or super().has_view_permission(request, obj)

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


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "member_state", "status", "submitted_at", "consultation")
    list_filter = ("status", "consultation")
    search_fields = ("title", "rationale", "member_state__name")
    list_select_related = ("member_state", "consultation")
