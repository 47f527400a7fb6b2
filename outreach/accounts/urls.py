from django.urls import path

from . import views, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views_two_factor.VerifyView.as_view(), name="two_factor_verify"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/", views.AccountView.as_view(), name="account"),
    path(
        "account/two-factor/set-up/",
        views_two_factor.SetUpView.as_view(),
        name="two_factor_set_up",
    ),
    path("account/two-factor/", views_two_factor.ManageView.as_view(), name="two_factor_manage"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
