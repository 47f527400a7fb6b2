from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from outreach import health, selectors
from outreach.accounts.access import PUBLIC, SIGNED_IN, access
from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for
from partners import selectors as partner_selectors
from partners.models import OrganisationKind
from programmes.selectors.home import home_section

RENEWAL_DAYS = partner_selectors.RENEWAL_WINDOW_DAYS
RENEWALS_SHOWN = 20


@access(SIGNED_IN)
def home(request):
    scope = scope_for(request.user)
    kind_labels = dict(OrganisationKind.choices)
    context = {"scope": scope, "roles": sorted(scope.roles), "Role": Role}
    if Role.WORKFORCE_LEAD in scope.roles or scope.is_admin:
        context["kind_counts"] = [
            {"label": kind_labels.get(row["kind"], row["kind"]), "count": row["count"]}
            for row in selectors.organisation_kind_counts(request.user)
        ]
        context["lead_areas"] = selectors.areas_led_by(request.user)
    if Role.DELIVERY_PARTNER in scope.roles:
        context["partner_organisations"] = selectors.own_organisations(
            request.user, Role.DELIVERY_PARTNER
        )
    if scope.roles & {Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER}:
        context["programmes_home"] = home_section(request.user)
    if scope.is_admin or scope.has_any({Role.WORKFORCE_LEAD, Role.DELIVERY_PARTNER}):
        context["questionnaires_link"] = True
    if Role.CAREERS_LEAD in scope.roles:
        context["schools"] = selectors.own_organisations(request.user, Role.CAREERS_LEAD)
    if scope.has_any({Role.DELIVERY_PARTNER, Role.WORKFORCE_LEAD}):
        rows, total = partner_selectors.ambassadors_due_for_renewal(
            request.user, within_days=RENEWAL_DAYS, limit=RENEWALS_SHOWN
        )
        context.update(renewals=rows, renewals_total=total, renewal_days=RENEWAL_DAYS)
    return render(request, "home.html", context)


@access(PUBLIC)
def accessibility(request):
    return render(request, "pages/accessibility.html")


@access(PUBLIC)
def privacy(request):
    return render(request, "pages/privacy.html", {"controller": settings.OUTREACH_CONTROLLER_NAME})


@never_cache
@require_safe  # it answers before the CSRF middleware, so it must change nothing
@access(PUBLIC)
def healthz(request):
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)
