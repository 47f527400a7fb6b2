import io
import json

import pytest
from django.core.management import CommandError, call_command

from outreach.privacy.models import RetentionRun
from partners.factories import ContactFactory
from partners.models import Contact

pytestmark = pytest.mark.django_db


def test_the_dry_run_command_lists_every_kind_and_changes_nothing(on_the_day):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Inactive accounts: 0 (anonymise)" in out.getvalue()
    assert len(out.getvalue().splitlines()) == 7
    assert not RetentionRun.objects.exists()


def test_person_rights_exports_and_erases_through_the_same_services(administrator, capsysbinary):
    contact = ContactFactory(name="Lee Command", email="lee@example.org")
    call_command("person_rights", "export", "contact", str(contact.pk), "--as", administrator.email)
    exported = json.loads(capsysbinary.readouterr().out)
    assert exported["contact"][0]["email"] == "lee@example.org"
    with pytest.raises(CommandError):
        call_command(
            "person_rights", "erase", "contact", str(contact.pk), "--as", administrator.email
        )
    assert Contact.objects.filter(pk=contact.pk).exists()
    call_command(
        "person_rights",
        "erase",
        "contact",
        str(contact.pk),
        "--as",
        administrator.email,
        "--confirm",
        "ERASE",
    )
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_person_rights_needs_an_administrator(lead):
    contact = ContactFactory()
    with pytest.raises(CommandError):
        call_command("person_rights", "export", "contact", str(contact.pk), "--as", lead.email)
