"""The three kinds of person the application holds data about, found the way the acting
user may see them (administrators: everyone)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

PARTICIPANT, CONTACT, USER = "participant", "contact", "user"
PERSON_KINDS = {
    PARTICIPANT: "Participant",
    CONTACT: "Partner contact",
    USER: "User account",
}


def _queryset(kind: str, user):
    from partners.models import Contact
    from programmes.models import Cohort, Participant

    if kind == PARTICIPANT:
        return Participant.objects.filter(cohort__in=Cohort.objects.for_user(user))
    if kind == CONTACT:
        return Contact.objects.for_user(user).select_related("organisation")
    if kind == USER:
        return (
            get_user_model().objects.all()
            if user.is_administrator
            else get_user_model().objects.none()
        )
    raise Http404


def person_get(kind: str, pk, user):
    found = _queryset(kind, user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404
    return found


def person_label(kind: str, person) -> str:
    """What the pages call the person: a participant by reference only."""
    if kind == PARTICIPANT:
        return person.reference
    if kind == CONTACT:
        return f"{person.name} ({person.organisation})"
    return person.email


def person_search(kind: str, text: str, user, limit: int = 20) -> list:
    text = (text or "").strip()
    if len(text) < 3:
        return []
    queryset = _queryset(kind, user)
    if kind == PARTICIPANT:
        queryset = queryset.filter(reference__iexact=text)
    elif kind == CONTACT:
        queryset = queryset.filter(Q(email__iexact=text) | Q(name__icontains=text))
    else:
        queryset = queryset.filter(Q(email__iexact=text) | Q(full_name__icontains=text))
    return list(queryset.order_by("pk")[:limit])
