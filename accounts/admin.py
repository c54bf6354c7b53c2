from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "member_state", "is_staff")
    list_filter = ("is_staff", "is_active", "groups", "member_state")
    list_select_related = ("member_state",)
    autocomplete_fields = ("member_state",)
    fieldsets = BaseUserAdmin.fieldsets + ((_("Focal point"), {"fields": ("member_state",)}),)
