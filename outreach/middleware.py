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
