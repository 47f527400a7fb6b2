from django import forms
from django.contrib.auth import forms as auth_forms

from .models import User


class SignInForm(auth_forms.AuthenticationForm):
    """Sign in by email. One message for every failure, so it never says which
    accounts exist."""

    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "Enter a correct email address and password.",
    }

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]
        labels = {"full_name": "Full name"}
        help_texts = {"full_name": "As colleagues would expect to see it on a booking."}
