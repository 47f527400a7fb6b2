from axes.models import AccessAttempt
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in)
def clear_own_sign_in_failures(sender, request, user, **kwargs):
    """A successful sign-in forgives that account's failures, and no one else's."""
    AccessAttempt.objects.filter(username=user.email).delete()
