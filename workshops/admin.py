from django.contrib import admin

from .models import DialogueYear, Meeting


class MeetingInline(admin.TabularInline):
    model = Meeting
    fields = ("title", "kind", "start_date", "end_date", "venue", "status")
    extra = 0
    show_change_link = True


@admin.register(DialogueYear)
class DialogueYearAdmin(admin.ModelAdmin):
    list_display = ("year", "overarching_theme", "is_current")
    list_filter = ("is_current",)
    search_fields = ("overarching_theme", "year")
    inlines = [MeetingInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "start_date", "end_date", "venue", "status", "dialogue_year")
    list_filter = ("status", "kind", "dialogue_year")
    search_fields = ("title", "venue", "description")
    date_hierarchy = "start_date"
    list_select_related = ("dialogue_year",)
    readonly_fields = ("created_at", "updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
