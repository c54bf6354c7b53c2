from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AccountEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts are created and managed in the portal, where each change is recorded:
    focal points on their state's page, secretariat staff on the superuser's staff page.
    Here nobody adds users, and a focal point's state never changes."""

    list_display = ("username", "email", "first_name", "last_name", "member_state", "is_staff")
    list_filter = ("is_staff", "is_active", "groups", "member_state")
    list_select_related = ("member_state",)
    autocomplete_fields = ("member_state",)
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Focal point"), {"fields": ("member_state", "language")}),
    )

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "member_state") if obj is not None else readonly

    def changelist_view(self, request, extra_context=None):
        messages.info(
            request,
            format_html(
                gettext(
                    'Accounts are invited and managed in the portal: <a href="{}">focal '
                    'points of each state</a>, <a href="{}">secretariat staff</a>.'
                ),
                reverse("participants:focal_point_states"),
                reverse("secretariat_staff"),
            ),
        )
        return super().changelist_view(request, extra_context)


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """The append-only history of accounts and invitations, to read and search."""

    list_display = ("at", "action", "user", "invitation", "member_state", "by")
    list_filter = ("action", "member_state")
    list_select_related = ("user", "invitation", "member_state", "by")
    search_fields = ("user__username", "invitation__email", "by__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
