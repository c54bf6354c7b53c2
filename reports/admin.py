from django.contrib import admin

from .models import DiscussionNote, RenderedDocument


@admin.register(DiscussionNote)
class DiscussionNoteAdmin(admin.ModelAdmin):
    list_display = ("symbol", "title", "meeting", "issue_date", "status")
    list_filter = ("status", "original_language")
    search_fields = ("symbol", "title", "subtitle", "body")
    list_select_related = ("meeting",)
    # Publishing goes through note_publish, which checks the markers and sets published_at.
    # The base follows the symbol (services.note_link_base); chains are made from the note's page.
    readonly_fields = (
        "status",
        "created_at",
        "updated_at",
        "updated_by",
        "published_at",
        "base",
    )


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(admin.ModelAdmin):
    """For looking into renders; they are made and changed only by the pipeline."""

    list_display = (
        "file_name",
        "kind",
        "language",
        "status",
        "attempts",
        "requested_at",
        "page_count",
    )
    list_filter = ("kind", "language", "status")

    def get_queryset(self, request):
        # The stored HTML is large: the list never shows it (a record's page loads it).
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
