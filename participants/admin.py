from django.contrib import admin

from .models import MemberState, Organization, Participant, Registration


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "status")
    list_filter = ("status",)
    search_fields = ("name", "country")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ("meeting", "category", "member_state", "organization", "role", "status")
    autocomplete_fields = ("meeting", "member_state", "organization")
    extra = 0


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "honorific", "email", "job_title")
    search_fields = ("last_name", "first_name", "email")
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = (
        "participant",
        "meeting",
        "category",
        "member_state",
        "organization",
        "role",
        "status",
    )
    list_filter = ("status", "category", "role", "meeting__dialogue_year", "meeting")
    search_fields = (
        "participant__last_name",
        "participant__first_name",
        "participant__email",
        "organization__name",
        "member_state__name",
    )
    list_select_related = ("participant", "meeting", "member_state", "organization")
    autocomplete_fields = ("participant", "meeting", "member_state", "organization")
    readonly_fields = ("created_at", "updated_at", "created_by", "updated_by")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
