from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from outreach.accounts.access import PUBLIC, access

from . import views

# Each app registers its resources in its own api.py: register(router).
API_APPS = ["partners", "programmes", "surveys", "reporting"]

router = DefaultRouter()
for app in API_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    module.register(router)

urlpatterns = [
    path("v1/me/", views.me, name="api-me"),
    path("v1/", include(router.urls)),
    # The schema and docs describe the API, not anyone's data, so they are public.
    path("schema/", access(PUBLIC)(SpectacularAPIView.as_view()), name="api-schema"),
    # The split view serves its start-up script from docs/?script, so the page needs no
    # inline script under the Content-Security-Policy; the template drops the inline style.
    path(
        "docs/",
        access(PUBLIC)(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", template_name="api/swagger_ui.html"
            )
        ),
        name="api-docs",
    ),
]
