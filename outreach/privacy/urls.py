from django.urls import path, re_path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("retention/", views.retention, name="retention"),
    path("retention/next-run/", views.dry_run, name="dry_run"),
    path("retention/<slug:kind>/", views.retention_edit, name="retention_edit"),
    path("people/<slug:kind>/<int:pk>/", views.person, name="person"),
    re_path(
        r"^people/(?P<kind>[a-z]+)/(?P<pk>[0-9]+)/export\.(?P<fmt>json|zip)$",
        views.export,
        name="export",
    ),
    path("people/<slug:kind>/<int:pk>/erase/", views.erase, name="erase"),
]
