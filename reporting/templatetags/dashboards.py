"""The home page's dashboards, one tag a role, so the home view stays as it is and each
figure's reads live in reporting/selectors/dashboards.py."""

from django import template

from ..selectors import dashboards

register = template.Library()


@register.inclusion_tag("reporting/dashboards/lead.html", takes_context=True)
def lead_dashboard(context):
    return {"dashboard": dashboards.lead_dashboard(context["request"].user)}


@register.inclusion_tag("reporting/dashboards/partner.html", takes_context=True)
def partner_dashboard(context):
    return {"dashboard": dashboards.partner_dashboard(context["request"].user)}


@register.inclusion_tag("reporting/dashboards/careers.html", takes_context=True)
def careers_dashboard(context):
    return {"dashboard": dashboards.careers_dashboard(context["request"].user)}
