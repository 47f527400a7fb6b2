from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.generic import UpdateView

from outreach.errors import too_many_requests

from . import ratelimit, security_log, throttle, two_factor
from .access import PUBLIC, SIGNED_IN
from .forms import AccountForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm, SignInForm
from .middleware import STEP_URL


class SignInView(auth_views.LoginView):
    access_rule = PUBLIC
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_redirect_url(self):
        # ?next= pointing back at this page would loop for a signed-in user: go home.
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == self.request.path else url

    def post(self, request, *args, **kwargs):
        # Axes locks one account at one address; the wider limits are checked first, so a
        # locked account answers the same whether or not the password is right.
        username = throttle.username_from_request(request, None)
        lock = throttle.wide_lock(username, ratelimit.client_address(request))
        if lock is not None:
            security_log.record("sign_in_locked_out", request=request, scope=lock.scope)
            context = {"failure_limit": lock.failure_limit, "cooloff_timedelta": lock.cooloff}
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        step = two_factor.pending_step(form.get_user())
        if step is None:
            return response
        # Straight to the code (or set-up) step, keeping where they were going.
        return redirect_to_login(self.get_success_url(), login_url=reverse(STEP_URL[step]))


class SignOutView(auth_views.LogoutView):
    access_rule = PUBLIC


class PasswordResetView(auth_views.PasswordResetView):
    access_rule = PUBLIC
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        allowed = ratelimit.hit(
            "password-reset",
            ratelimit.client_address(self.request),
            limit=settings.PASSWORD_RESET_LIMIT_PER_HOUR,
            window_seconds=3600,
        )
        if not allowed:
            return too_many_requests(
                self.request,
                wait=ratelimit.time_left(3600),
                heading="Too many requests for a reset link",
                message="You have asked for too many reset links from this network. "
                "If you are still stuck, ask your Outreach administrator for help.",
            )
        response = super().form_valid(form)
        # Whether the address belongs to an account goes to the log, never to the page.
        users = list(form.get_users(form.cleaned_data["email"]))
        security_log.record(
            "password_reset_requested",
            request=self.request,
            user=users[0] if users else None,
            known_account=bool(users),
        )
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    access_rule = PUBLIC
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    access_rule = PUBLIC
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever can read the account's email has proved it is theirs: lift its lock.
        axes_reset(username=form.user.email)
        security_log.record("password_reset_completed", request=self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    access_rule = PUBLIC
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    access_rule = SIGNED_IN
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


class AccountView(LoginRequiredMixin, UpdateView):
    access_rule = SIGNED_IN
    form_class = AccountForm
    template_name = "accounts/account.html"

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.request.user.memberships.select_related(
            "organisation", "organisation__area"
        )
        context["two_factor_enabled"] = two_factor.is_enabled(self.request.user)
        context["two_factor_required"] = two_factor.is_required(self.request.user)
        return context

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "Your details have been saved.")
        return redirect("accounts:account")
