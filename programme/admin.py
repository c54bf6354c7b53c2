from django import forms
from django.contrib import admin

from common.translated import OriginalLanguageFormMixin, form_fields

from .models import Agenda, Session, SessionPerson, SpeakerSuggestion

# A session's times and people, and an agenda's publication, are set on the portal's
# agenda pages, which check them (within the meeting's days, registered participants,
# one role each, at least one session to publish). The admin shows them only.


class SessionPersonInline(admin.TabularInline):
    model = SessionPerson
    fields = ("role", "registration")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SessionAdminForm(OriginalLanguageFormMixin, forms.ModelForm):
    # Its title and note, in each language, are saved as typed: no rule of the
    # agenda rests on them.
    class Meta:
        model = Session
        fields = form_fields(Session)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ("title", "agenda", "starts_at", "ends_at")
    list_select_related = ("agenda__meeting",)
    readonly_fields = ("agenda", "starts_at", "ends_at")
    inlines = [SessionPersonInline]

    def has_add_permission(self, request):
        return False


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ("meeting", "status", "published_at")
    list_filter = ("status",)
    list_select_related = ("meeting",)
    readonly_fields = ("status", "published_at", "updated_at", "updated_by")


@admin.register(SpeakerSuggestion)
class SpeakerSuggestionAdmin(admin.ModelAdmin):
    list_display = ("headline", "kind", "member_state", "meeting", "status", "submitted_at")
    list_filter = ("status", "kind")
    list_select_related = ("member_state", "meeting")
    readonly_fields = ("submitted_at", "submitted_by", "reviewed_at", "reviewed_by")
