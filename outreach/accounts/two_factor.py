"""Two-factor sign-in (TOTP, with single-use recovery codes) on django-otp.

Who must use it is decided here and nowhere else: administrators and workforce leads
(they see every record of an area, or of every area). Anyone else may turn it on, and
once they have, every sign-in asks for a code.
"""

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import segno
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import Role
from .scope import scope_for

REQUIRED_FOR = frozenset({Role.ADMINISTRATOR, Role.WORKFORCE_LEAD})
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

# What a signed-in but unverified user must do next.
VERIFY = "verify"
SET_UP = "set_up"


def is_required(user) -> bool:
    return scope_for(user).has_any(REQUIRED_FOR)


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enabled(user) -> bool:
    # The app is the second factor; recovery codes come and go with it. One query, as
    # this runs on every request of a user without a verified session.
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    """Whether this session's sign-in included a code (django-otp's OTPMiddleware sets
    otp_device; a user object fresh from login() has none yet)."""
    return getattr(user, "otp_device", None) is not None


def pending_step(user) -> str | None:
    """VERIFY, SET_UP or None (nothing stands between this session and the service)."""
    if not user.is_authenticated or is_verified(user):
        return None
    if is_enabled(user):
        return VERIFY
    if is_required(user):
        return SET_UP
    return None


@dataclass(frozen=True)
class Refusal:
    """A code refused without being checked: too many wrong ones, wait until then."""

    locked_until: datetime

    @property
    def wait(self):
        return max(self.locked_until - timezone.now(), timezone.timedelta(seconds=1))


def _normalise(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def check_code(user, code: str):
    """The device that accepts `code` (an app code or an unused recovery code), a Refusal
    while django-otp's throttle holds, or None for a wrong code."""
    code = _normalise(code)
    app = app_device(user)
    if app is None:
        return None
    allowed, info = app.verify_is_allowed()
    if not allowed:
        return Refusal(info["locked_until"])
    with transaction.atomic():
        if code.isdigit() and len(code) == app.digits:  # recovery codes are 8 letters/digits
            app = TOTPDevice.objects.select_for_update().get(pk=app.pk)
            return app if app.verify_token(code) else None
        recovery = (
            StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        )
        if recovery is not None:
            recovery_allowed, recovery_info = recovery.verify_is_allowed()
            if not recovery_allowed:
                return Refusal(recovery_info["locked_until"])
            if recovery.verify_token(code):
                return recovery
        # A wrong recovery code slows the app's codes too: one throttle per account.
        app.throttle_increment()
        return None


def start_set_up(user) -> TOTPDevice:
    """The unconfirmed app device a set-up page shows; the same one until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_in_groups(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URL as inline SVG: no script, no external image."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, light="#fff", title="QR code to add Outreach to your authenticator app"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


@transaction.atomic
def confirm_set_up(user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its first code; returns the new recovery codes, or None."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(_normalise(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def remove(user) -> None:
    """Forget every device: the next sign-in asks for set-up if the role requires it."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
