from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import security_log, two_factor
from .models import Membership, User

# django-otp's own admins show each device's secret and QR code: no one but its owner
# may see those. Administrators reset a user's two-factor with the action below instead.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.action(description="Reset two-factor sign-in (they set it up again at next sign-in)")
def reset_two_factor(modeladmin, request, queryset):
    """For someone who has lost their phone and their recovery codes."""
    for user in queryset:
        two_factor.remove(user)
        security_log.record(
            "two_factor_reset_by_administrator", request=request, target_user_id=user.pk
        )
    modeladmin.message_user(
        request, f"Two-factor sign-in reset for {queryset.count()} user(s).", messages.SUCCESS
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    actions = [reset_two_factor]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login"]
    filter_horizontal = []


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
