"""Session rules applied once for every request: timeouts, then two-factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve, reverse

from outreach.api.errors import error_body

from . import security_log, two_factor

SIGNED_IN_AT = "outreach_signed_in_at"
# Set at sign-in for a user with no authenticator app, so their requests need not ask the
# database again. A device can only be added from a session (which that makes verified);
# removals only ever make this more cautious.
NO_APP_AT_SIGN_IN = "outreach_no_two_factor_app"
LAST_ACTIVITY = "outreach_last_activity"
# Writing the session on every request would cost a database write each time; a minute's
# slack on a thirty-minute idle limit does not matter.
ACTIVITY_WRITE_EVERY_SECONDS = 60

IDLE_MESSAGE = "You were signed out after {minutes} minutes without activity"
ABSOLUTE_MESSAGE = "You were signed out because you had been signed in for {hours} hours"


def start_session(request, user) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY] = now
    request.session[NO_APP_AT_SIGN_IN] = not two_factor.is_enabled(user)


def _view_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _has_api_token(request) -> bool:
    return request.path.startswith("/api/") and request.headers.get("Authorization", "").startswith(
        "Token "
    )


def _to_sign_in(request, message: str):
    """Send the person to sign in; htmx swaps would put the page inside a fragment, so
    they are told to load the whole page instead."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse(settings.LOGIN_URL)
        return response
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(401, "not_authenticated", message), status=401)
    return redirect_to_login(request.get_full_path())


class SessionTimeoutMiddleware:
    """Staff sessions end after SESSION_IDLE_TIMEOUT seconds without a request and
    SESSION_ABSOLUTE_TIMEOUT seconds after signing in, whichever comes first.

    Requests to SESSION_PASSIVE_VIEWS (htmx polling of a report's progress) do not count
    as activity: a page left open on a running report would otherwise keep its session
    alive indefinitely.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ended = self._ended(request)
            if ended:
                security_log.record("session_timeout", request=request, reason=ended[0])
                logout(request)
                if _has_api_token(request):
                    return self.get_response(request)  # the session ends; the token stands
                messages.info(request, ended[1])
                return _to_sign_in(request, ended[1])
        return self.get_response(request)

    def _ended(self, request):
        session = request.session
        now = int(time.time())
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_activity = session.setdefault(LAST_ACTIVITY, now)
        absolute = settings.SESSION_ABSOLUTE_TIMEOUT
        idle = settings.SESSION_IDLE_TIMEOUT
        if now - signed_in_at >= absolute:
            return "absolute", ABSOLUTE_MESSAGE.format(hours=round(absolute / 3600))
        if now - last_activity >= idle:
            return "idle", IDLE_MESSAGE.format(minutes=round(idle / 60))
        passive = _view_name(request) in settings.SESSION_PASSIVE_VIEWS
        if not passive and now - last_activity >= ACTIVITY_WRITE_EVERY_SECONDS:
            session[LAST_ACTIVITY] = now
        return None


# Reachable while a code or set-up is still owed: signing in and out, the two-factor
# steps themselves, and password reset (which signs nobody in).
OPEN_WHILE_PENDING = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_verify",
        "accounts:two_factor_set_up",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "healthz",
    }
)
STEP_URL = {
    two_factor.VERIFY: "accounts:two_factor_verify",
    two_factor.SET_UP: "accounts:two_factor_set_up",
}


class TwoFactorMiddleware:
    """Until a signed-in user who owes a code (or a set-up) has given it, every other
    page, and the API by session, is closed to them. API tokens are not sessions and are
    not affected: DRF authenticates those after this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and request.session.get(NO_APP_AT_SIGN_IN)
            and not two_factor.is_required(user)
        ):
            step = None
        else:
            step = two_factor.pending_step(user)
        request.two_factor_pending = step
        if step is None or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if _view_name(request) in OPEN_WHILE_PENDING:
            return self.get_response(request)
        if _has_api_token(request):
            return self.get_response(request)  # DRF answers for the token, not us
        if request.path.startswith("/api/"):
            return JsonResponse(
                error_body(403, "two_factor_required", "Finish signing in with your code."),
                status=403,
            )
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse(STEP_URL[step])
            return response
        return redirect_to_login(request.get_full_path(), login_url=reverse(STEP_URL[step]))
