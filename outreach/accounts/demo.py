"""One demo user per role, each at an organisation from the demo directory."""

from partners.models import Organisation

from .models import Membership, User
from .roles import Role

DEMO_PASSWORD = "outreach-demo-2026"

USERS = [
    (
        "admin@outreach.example",
        "Alex Administrator",
        Role.ADMINISTRATOR,
        "One Gloucestershire ICS workforce team",
    ),
    (
        "lead@outreach.example",
        "Wendy Workforce-Lead",
        Role.WORKFORCE_LEAD,
        "One Gloucestershire ICS workforce team",
    ),
    (
        "partner@outreach.example",
        "Priya Partner",
        Role.DELIVERY_PARTNER,
        "Gloucestershire Hospitals NHS Foundation Trust",
    ),
    ("careers@outreach.example", "Chris Careers-Lead", Role.CAREERS_LEAD, "Cleeve School"),
]


def seed(out):
    out.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
    for email, name, role, organisation_name in USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.full_name = name
            user.save()
        organisation = Organisation.objects.get(name=organisation_name)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        out.write(f"  {Role(role).label:<18} {email}")
