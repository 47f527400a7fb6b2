from django.contrib import admin
from django.urls import include, path

from outreach import notices, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/questionnaires/", notices.questionnaires, name="privacy_questionnaires"),
    path("privacy/participants/", notices.participants, name="privacy_participants"),
    path("privacy/staff/", notices.staff, name="privacy_staff"),
    path("accounts/", include("outreach.accounts.urls")),
    path("partners/import/", include("partners.imports.urls")),
    path("partners/", include("partners.urls")),
    path("programmes/", include("programmes.urls")),
    path("questionnaires/", include("surveys.urls")),
    path("reports/", include("reporting.urls")),
    path("audit/", include("outreach.audit.urls")),
    path("data-protection/", include("outreach.privacy.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("outreach.api.urls")),
]

handler400 = "outreach.errors.bad_request"
handler403 = "outreach.errors.permission_denied"
handler404 = "outreach.errors.page_not_found"
handler500 = "outreach.errors.server_error"
