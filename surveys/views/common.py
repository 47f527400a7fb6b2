from django.shortcuts import get_object_or_404
from django.urls import reverse

from outreach.accounts.roles import ALL_ROLES, Role

from ..models import Questionnaire

BUILD = frozenset({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER, Role.ADMINISTRATOR})
SEE = ALL_ROLES


def buildable(user, pk):
    return get_object_or_404(
        Questionnaire.objects.buildable_by(user).select_related("programme", "event"), pk=pk
    )


def visible(user, pk):
    return get_object_or_404(
        Questionnaire.objects.for_user(user).select_related("programme", "event", "before"), pk=pk
    )


def crumbs(questionnaire=None, *, builder=True):
    trail = [("Home", reverse("home")), ("Questionnaires", reverse("surveys:list"))]
    if questionnaire is not None:
        name = "surveys:detail" if builder else "surveys:results"
        trail.append((questionnaire.title, reverse(name, args=[questionnaire.pk])))
    return trail
