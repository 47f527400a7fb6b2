from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class OutreachAdminSite(admin.AdminSite):
    site_header = "Outreach administration"
    site_title = "Outreach administration"
    index_title = "Records and reference data"

    def has_permission(self, request):
        # Staff status alone is not enough: only holders of the administrator role
        # (or superusers) may use the admin, whatever flags an account carries.
        user = request.user
        return user.is_active and user.is_authenticated and user.is_administrator

    def login(self, request, extra_context=None):
        # One sign-in page for the whole service (with its throttling); a signed-in
        # user without the role is refused rather than asked to sign in again.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or request.get_full_path())
