"""Reads for the home page, each scoped through the app querysets."""

from django.db.models import Count

from partners.models import ICBArea, Organisation


def areas_led_by(user):
    from outreach.accounts.scope import scope_for

    return ICBArea.objects.filter(pk__in=scope_for(user).lead_area_ids).annotate(
        organisation_count=Count("organisations")
    )


def organisation_kind_counts(user) -> list[dict]:
    """Organisations the user can see, counted by kind (one query)."""
    return list(
        Organisation.objects.for_user(user)
        .values("kind")
        .annotate(count=Count("pk"))
        .order_by("-count", "kind")
    )


def own_organisations(user, role):
    from outreach.accounts.scope import scope_for

    return Organisation.objects.filter(
        pk__in=scope_for(user).organisation_ids(role)
    ).select_related("area")
