from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import security_log
from .middleware import start_session
from .models import User
from .throttle import username_from_request


@receiver(user_logged_in)
def clear_own_sign_in_failures(sender, request, user, **kwargs):
    """A successful sign-in forgives that account's failures, and no one else's."""
    AccessAttempt.objects.filter(username=user.email).delete()


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    if request is not None:
        start_session(request, user)
    security_log.record("sign_in_success", request=request, user=user)


def _account_named(request, credentials):
    username = username_from_request(request, credentials) if request is not None else None
    return User.objects.filter(email=username).first() if username else None


@receiver(user_login_failed)
def log_sign_in_failure(sender, credentials, request=None, **kwargs):
    # The log holds the account's id when the address names one, never the address typed
    # (often a password typed into the wrong field).
    user = _account_named(request, credentials)
    security_log.record(
        "sign_in_failure", request=request, user=user, known_account=user is not None
    )


@receiver(user_locked_out)
def log_lockout(sender, request, username=None, **kwargs):
    user = _account_named(request, {"username": username} if username else None)
    security_log.record("sign_in_locked_out", request=request, user=user, scope="account_address")


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    security_log.record("sign_out", request=request, user=user)
