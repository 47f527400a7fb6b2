"""The two-factor pages: the code step after the password, set-up, recovery codes and
removal. Which users must pass them is outreach.accounts.two_factor's business; keeping
everyone else out until they have is TwoFactorMiddleware's."""

from django.contrib import messages
from django.contrib.auth.views import RedirectURLMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django_otp import login as otp_login

from outreach.templatetags.outreach_tags import duration_words

from . import security_log, two_factor
from .access import SIGNED_IN
from .forms import CodeForm

WRONG_CODE = "The security code is not correct. Check your app and enter the latest code"


def _refusal_message(refusal: two_factor.Refusal) -> str:
    seconds = round(refusal.wait.total_seconds())
    wait = (
        f"{seconds} second{'s' if seconds != 1 else ''}"
        if seconds < 60
        else duration_words(refusal.wait)
    )
    return f"Too many wrong codes have been entered. Wait {wait} and try again"


def _check(request, form) -> object | None:
    """The device that accepted the form's code, having told the form why not if none."""
    result = two_factor.check_code(request.user, form.cleaned_data["code"])
    if isinstance(result, two_factor.Refusal):
        security_log.record("two_factor_locked", request=request)
        form.refuse(_refusal_message(result))
        return None
    if result is None:
        security_log.record("two_factor_failure", request=request)
        form.refuse(WRONG_CODE)
    return result


class _Step(RedirectURLMixin, View):
    access_rule = SIGNED_IN

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("home")


class VerifyView(_Step):
    """The code step, for a user with a confirmed device."""

    template_name = "accounts/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.is_enabled(request.user):
            return redirect("accounts:two_factor_set_up")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if two_factor.is_verified(request.user):
            return redirect(self.get_success_url())
        return self._render(CodeForm(recovery_allowed=True))

    def post(self, request):
        form = CodeForm(request.POST, recovery_allowed=True)
        if form.is_valid():
            device = _check(request, form)
            if device is not None:
                otp_login(request, device)
                used_recovery = device.__class__.__name__ == "StaticDevice"
                security_log.record(
                    "two_factor_success", request=request, recovery_code=used_recovery or None
                )
                if used_recovery:
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        f"You used a recovery code. You have {left} left: "
                        "get new ones from your account page.",
                    )
                return redirect(self.get_success_url())
        return self._render(form)

    def _render(self, form):
        return render(
            self.request, self.template_name, {"form": form, "next": self.get_redirect_url()}
        )


class SetUpView(_Step):
    """Add an authenticator app: QR code and secret, confirmed with a first code. Shows
    the recovery codes once, in the response to that confirmation."""

    template_name = "accounts/two_factor_set_up.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and two_factor.is_enabled(user):
            # Replacing a device needs the current one's code first: the manage page.
            if two_factor.is_verified(user):
                return redirect("accounts:two_factor_manage")
            return redirect("accounts:two_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        device = two_factor.start_set_up(request.user)
        allowed, info = device.verify_is_allowed()
        if form.is_valid() and not allowed:
            form.refuse(_refusal_message(two_factor.Refusal(info["locked_until"])))
        elif form.is_valid():
            codes = two_factor.confirm_set_up(request.user, device, form.cleaned_data["code"])
            if codes is not None:
                device.refresh_from_db()
                otp_login(request, device)
                security_log.record("two_factor_set_up", request=request)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "continue_url": self.get_success_url(), "first_time": True},
                )
            security_log.record("two_factor_failure", request=request, during="set_up")
            form.refuse(WRONG_CODE)
        return self._render(form)

    def _render(self, form):
        device = two_factor.start_set_up(self.request.user)
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "next": self.get_redirect_url(),
                "qr_svg": two_factor.qr_svg(device),
                "secret": two_factor.secret_in_groups(device),
                "required": two_factor.is_required(self.request.user),
            },
        )


class ManageView(View):
    """New recovery codes, or removing the app: each needs a current code first, so a
    session left open is not enough to take over the second factor."""

    access_rule = SIGNED_IN
    template_name = "accounts/two_factor_manage.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        if not two_factor.is_enabled(request.user):
            return redirect("accounts:two_factor_set_up")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(CodeForm(recovery_allowed=True))

    def post(self, request):
        form = CodeForm(request.POST, recovery_allowed=True)
        action = request.POST.get("action")
        if (
            action in ("recovery_codes", "remove")
            and form.is_valid()
            and _check(request, form) is not None
        ):
            if action == "recovery_codes":
                codes = two_factor.new_recovery_codes(request.user)
                security_log.record("two_factor_recovery_codes_renewed", request=request)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "continue_url": reverse("accounts:account")},
                )
            two_factor.remove(request.user)
            security_log.record("two_factor_removed", request=request)
            if two_factor.is_required(request.user):
                messages.info(request, "Set up your authenticator app again to carry on.")
                return redirect("accounts:two_factor_set_up")
            messages.success(request, "Two-factor sign-in is turned off.")
            return redirect("accounts:account")
        return self._render(form)

    def _render(self, form):
        return render(
            self.request,
            self.template_name,
            {"form": form, "required": two_factor.is_required(self.request.user)},
        )
