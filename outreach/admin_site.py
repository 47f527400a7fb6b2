from django.contrib import admin


class OutreachAdminSite(admin.AdminSite):
    site_header = "Outreach administration"
    site_title = "Outreach administration"
    index_title = "Records and reference data"

    def has_permission(self, request):
        # Staff status alone is not enough: only holders of the administrator role
        # (or superusers) may use the admin, whatever flags an account carries.
        user = request.user
        return user.is_active and user.is_authenticated and user.is_administrator
