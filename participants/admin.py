from django.contrib import admin

from idm_portal.service_admin import ServiceRefusalAdminMixin

from . import electorate, services
from .models import MemberState, MemberStateStatusChange, Organization, Participant, Registration


class MemberStateStatusChangeInline(admin.TabularInline):
    """Read here: the status changes through the services, which record each change."""

    model = MemberStateStatusChange
    fields = ("changed_at", "changed_by", "from_status", "to_status")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MemberState)
class MemberStateAdmin(ServiceRefusalAdminMixin, admin.ModelAdmin):
    list_display = ("name", "country", "status")
    list_filter = ("status",)
    search_fields = ("name", "country")
    inlines = [MemberStateStatusChangeInline]

    def save_model(self, request, obj, form, change):
        # The status through the service: consultations read who could vote from its history.
        if not change:
            created = electorate.member_state_create(
                country=obj.country, name=obj.name, status=obj.status, by=request.user
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        others = [name for name in form.changed_data if name != "status"]
        if others:
            obj.save(update_fields=others)
        electorate.member_state_status_set(
            member_state=obj, status=form.cleaned_data["status"], by=request.user
        )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")


class RegistrationInline(admin.TabularInline):
    """Read here: a registration is changed on its own page, through the services."""

    model = Registration
    fields = ("meeting", "category", "member_state", "organization", "role", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "honorific", "email", "job_title")
    search_fields = ("last_name", "first_name", "email")
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(ServiceRefusalAdminMixin, admin.ModelAdmin):
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

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # A registration stays the same person's at the same meeting: register anew instead.
        return (*fields, "meeting", "participant") if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        # A registration is withdrawn, never deleted: its history holds on to it.
        return False

    def save_model(self, request, obj, form, change):
        # Through the services, so that a change made here is in the registration's history.
        data = form.cleaned_data
        participant = Participant.objects.get(pk=obj.participant_id)
        person = services.PersonDetails(
            **{field: getattr(participant, field) for field in services.PERSON_FIELDS}
        )
        affiliation = {
            "category": data["category"],
            "member_state": data.get("member_state"),
            "organization": data.get("organization"),
            "role": data["role"],
            "status": data["status"],
        }
        if change:
            services.registration_update(
                registration=obj, person=person, by=request.user, **affiliation
            )
            return
        created = services.registration_create(
            meeting=data["meeting"],
            person=person,
            participant=participant,
            by=request.user,
            **affiliation,
        )
        obj.pk = created.pk
        obj._state.adding = False
