from django.http import JsonResponse

from outreach import health


class HealthCheckMiddleware:
    """Answers /healthz before host validation and HTTPS redirects, so a container's
    own probe on 127.0.0.1 works whatever DJANGO_ALLOWED_HOSTS names."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            healthy, body = health.report()
            response = JsonResponse(body, status=200 if healthy else 503)
            response["Cache-Control"] = "no-cache, no-store, must-revalidate, max-age=0"
            return response
        return self.get_response(request)
