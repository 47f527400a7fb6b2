from io import StringIO

from django.core.management import call_command

from outreach.accounts.demo import DEMO_PASSWORD
from outreach.accounts.models import Membership, User
from partners.models import Organisation


def test_it_is_idempotent_and_prints_the_credentials(db):
    first = StringIO()
    call_command("seed_demo", stdout=first)
    counts = (User.objects.count(), Membership.objects.count(), Organisation.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert counts == (
        User.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
    )
    output = first.getvalue()
    assert DEMO_PASSWORD in output
    for email in ["admin@", "lead@", "partner@", "careers@"]:
        assert email in output


def test_each_demo_user_signs_in_and_sees_their_role_home(client, db):
    call_command("seed_demo", stdout=StringIO())
    expected = {
        "admin@outreach.example": "Administration",
        "lead@outreach.example": "Your ICB area",
        "partner@outreach.example": "You deliver outreach for",
        "careers@outreach.example": "Your school",
    }
    for email, heading in expected.items():
        client.logout()
        response = client.post("/accounts/sign-in/", {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        home = client.get("/", follow=True)
        if email.startswith(("admin@", "lead@")):
            # Their roles need two-factor: the first sign-in sets up an authenticator app.
            assert "Set up two-factor sign-in" in home.content.decode(), email
        else:
            assert heading in home.content.decode(), email
