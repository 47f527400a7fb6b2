"""Two-factor for tests that are about something else.

Most tests sign in with `client.force_login(persona)`; tests/conftest.py makes such a
session count as verified with a code (as after the real code step) by giving the user a
confirmed authenticator device and recording it in the session the way django-otp does.
Browser tests sign in through the form and type a real code computed from that device's
key. Tests of two-factor itself opt out with @pytest.mark.real_two_factor.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from outreach.accounts import two_factor


def device_for(user) -> TOTPDevice:
    """The user's confirmed app device, made if they have none."""
    device = two_factor.app_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return str(totp.token()).zfill(device.digits)


def code_for_sign_in(user) -> str:
    """A code the next check will accept. django-otp refuses a code from a time step it
    has already accepted (replay protection); tests sign in several times a minute, so
    the device forgets its last step first."""
    device = device_for(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    return current_code(device)


def mark_session_verified(client, user) -> None:
    if not (two_factor.is_required(user) or two_factor.is_enabled(user)):
        return
    device = device_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
