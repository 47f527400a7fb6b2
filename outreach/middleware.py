import math


class HealthCheckMiddleware:
    """Answers /healthz before host validation and HTTPS redirects, so a container's
    own probe on 127.0.0.1 works whatever DJANGO_ALLOWED_HOSTS names. The answer is the
    healthz view's; this only routes to it early."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            from outreach.views import healthz

            return healthz(request)
        return self.get_response(request)


class RetryAfterMiddleware:
    """Every 429 says when to come back. Outreach's own rate limits set Retry-After as
    they answer (outreach.errors.too_many_requests, DRF's throttles); django-axes renders
    the sign-in lockout page itself, so its cool-off is added here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 429 and not response.has_header("Retry-After"):
            from axes.helpers import get_cool_off

            cool_off = get_cool_off(request)
            if cool_off:
                response["Retry-After"] = str(max(1, math.ceil(cool_off.total_seconds())))
        return response


class PrivatePagesMiddleware:
    """Whatever a signed-in person is shown may hold personal data, so no browser or
    shared cache keeps it: the back button after signing out on a school's shared
    computer shows nothing (ASVS 8.2.1). Responses that chose their own caching keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            from django.utils.cache import add_never_cache_headers

            add_never_cache_headers(response)
            response["Cache-Control"] += ", private"
        return response
