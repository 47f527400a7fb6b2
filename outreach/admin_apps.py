from django.contrib.admin.apps import AdminConfig


class OutreachAdminConfig(AdminConfig):
    # The Django admin is for administrators only; see outreach.admin_site.
    default_site = "outreach.admin_site.OutreachAdminSite"
