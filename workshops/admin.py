from django import forms
from django.contrib import admin

from common.translated import OriginalLanguageFormMixin, form_fields
from idm_portal.service_admin import ServiceRefusalAdminMixin

from . import services
from .models import (
    DialogueYear,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    MeetingStatusChange,
)
from .services.years import MEETING_FIELDS, YEAR_FIELDS


class MeetingInline(admin.TabularInline):
    """Read here only: a meeting is changed on its own page, through the services
    (which record its status history and who changed it)."""

    model = Meeting
    fields = ("title", "kind", "start_date", "end_date", "venue", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class DialogueYearAdminForm(OriginalLanguageFormMixin, forms.ModelForm):
    class Meta:
        model = DialogueYear
        fields = list(YEAR_FIELDS)

    def _get_validation_exclusions(self):
        # The one-current-year constraint is the service's to keep: it steps the
        # previous current year down, which the form's check would refuse first.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("is_current")
        return exclusions


@admin.register(DialogueYear)
class DialogueYearAdmin(admin.ModelAdmin):
    form = DialogueYearAdminForm
    list_display = ("year", "overarching_theme", "is_current")
    list_filter = ("is_current",)
    # The English original too: "overarching_theme" searches the interface language only.
    search_fields = ("overarching_theme", "overarching_theme_en", "year")
    inlines = [MeetingInline]

    def save_model(self, request, obj, form, change):
        # Through the services, so that a year made current here un-marks the previous one.
        fields = {
            name: form.cleaned_data[name] for name in YEAR_FIELDS if name in form.cleaned_data
        }
        if change:
            services.dialogue_year_update(dialogue_year=obj, **fields)
        else:
            created = services.dialogue_year_create(**fields)
            obj.pk = created.pk
            obj._state.adding = False


class StatusChangeInline(admin.TabularInline):
    """The history is read here, never written: the portal's pages record it."""

    model = MeetingStatusChange
    fields = ("changed_at", "changed_by", "from_status", "to_status")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MeetingAdminForm(OriginalLanguageFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = form_fields(Meeting)


@admin.register(Meeting)
class MeetingAdmin(ServiceRefusalAdminMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ("title", "kind", "start_date", "end_date", "venue", "status", "dialogue_year")
    list_filter = ("status", "kind", "dialogue_year")
    search_fields = ("title", "title_en", "venue", "description")
    date_hierarchy = "start_date"
    list_select_related = ("dialogue_year",)
    readonly_fields = ("created_at", "updated_at", "updated_by")
    inlines = [StatusChangeInline]

    def has_delete_permission(self, request, obj=None):
        # A meeting is cancelled, never deleted: its history and registrations hold on to it.
        return False

    def save_model(self, request, obj, form, change):
        # Through the services, so that a change of status made here is recorded too.
        fields = {
            name: form.cleaned_data[name] for name in MEETING_FIELDS if name in form.cleaned_data
        }
        if change:
            services.meeting_update(meeting=obj, by=request.user, **fields)
        else:
            created = services.meeting_create(by=request.user, **fields)
            obj.pk = created.pk
            obj._state.adding = False


class VersionInline(admin.TabularInline):
    model = MeetingDocumentVersion
    fields = ("number", "original_name", "content_type", "size", "uploaded_at", "uploaded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "kind", "language", "visibility")
    list_filter = ("kind", "visibility", "language")
    list_select_related = ("meeting",)
    inlines = [VersionInline]
