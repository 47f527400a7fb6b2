"""Error pages: NHS-styled HTML for people, the API's JSON error body under /api/."""

import math

from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

from outreach.accounts import security_log
from outreach.api.errors import error_body


def _log_refusal(event, request):
    """Refusals by the access rules (403) and of records outside the user's scope (404,
    which cannot be told from a missing record, so every signed-in 404 is logged). The
    route's name, not its path: paths can carry tokens."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    match = getattr(request, "resolver_match", None)
    security_log.record(
        event,
        request=request,
        route=match.view_name if match else None,
        method=request.method,
    )


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            error_body(400, "bad_request", "The request was not understood."), status=400
        )
    return defaults.bad_request(request, exception, template_name="400.html")


def permission_denied(request, exception=None):
    _log_refusal("access_denied", request)
    if _wants_json(request):
        return JsonResponse(
            error_body(403, "permission_denied", "You do not have permission."), status=403
        )
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request, exception=None):
    _log_refusal("not_found", request)
    if _wants_json(request):
        return JsonResponse(error_body(404, "not_found", "Not found."), status=404)
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    if _wants_json(request):
        return JsonResponse(error_body(500, "server_error", "Something went wrong."), status=500)
    return defaults.server_error(request, template_name="500.html")


def csrf_failure(request, reason=""):
    """Usually a form left open past the session: say so, and how to carry on."""
    if _wants_json(request):
        return JsonResponse(
            error_body(403, "csrf_failed", "CSRF check failed: send the CSRF token."), status=403
        )
    return render(request, "403_csrf.html", status=403)


def too_many_requests(request, *, wait, heading="", message="", context=None):
    """The one 429 answer: the shared page for people, the API's error body under /api/,
    both with Retry-After (whole seconds) saying the same wait as the words."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if _wants_json(request):
        response = JsonResponse(
            error_body(429, "rate_limited", message or "Too many requests."), status=429
        )
    else:
        page = {"heading": heading, "message": message, "wait": wait, **(context or {})}
        response = render(request, "429.html", page, status=429)
    response["Retry-After"] = str(seconds)
    return response
