"""Writes to accounts: one function per operation."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import Membership, User
from .roles import Role


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str = "",
    password: str | None = None,
    memberships: list[tuple[str, object]] = (),
) -> User:
    """Create a user with their (role, organisation) memberships. A password given here
    meets the same rules as one chosen on a page (AUTH_PASSWORD_VALIDATORS)."""
    if password is not None:
        validate_password(password, user=User(email=email, full_name=full_name))
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    for role, organisation in memberships:
        membership_grant(user=user, organisation=organisation, role=role)
    return user


def membership_grant(*, user: User, organisation, role: str) -> Membership:
    Role(role)  # rejects an unknown role before it reaches the database
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    user.__dict__.pop("is_administrator", None)
    user._outreach_scope = None
    return membership
