from django.conf import settings

from outreach.navigation import items_for


def layout(request):
    return {
        "service_name": settings.OUTREACH_SERVICE_NAME,
        "nav_items": items_for(request),
    }
