from django.contrib import admin

from .models import Consultation, Proposal


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
    readonly_fields = ("created_at", "created_by")

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
