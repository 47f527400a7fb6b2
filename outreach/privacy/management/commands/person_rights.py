"""Export or erase one person from the command line, through the same services as the
pages: `person_rights export participant 12 --format json > out.json`."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from outreach.audit.context import audit_context
from outreach.privacy.rights import (
    PERSON_KINDS,
    ErasureRefused,
    erase_person,
    export_csv_zip,
    export_json,
    export_person,
    person_get,
)


class Command(BaseCommand):
    help = "Export everything held about a person, or erase them."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("kind", choices=sorted(PERSON_KINDS))
        parser.add_argument("pk", type=int)
        parser.add_argument("--format", choices=["json", "zip"], default="json")
        parser.add_argument("--as", dest="acting", required=True, help="administrator's email")
        parser.add_argument("--confirm", default="", help="ERASE, to erase")

    def handle(self, *args, action, kind, pk, format, acting, confirm, **options):
        admin = get_user_model().objects.filter(email=acting.strip().lower()).first()
        if admin is None or not admin.is_administrator:
            raise CommandError("--as must be an active administrator's email address.")
        person = person_get(kind, pk, admin)
        with audit_context(actor=admin, source="command"):
            if action == "export":
                sections = export_person(kind=kind, person=person, user=admin)
                body = export_json(sections) if format == "json" else export_csv_zip(sections)
                sys.stdout.buffer.write(body)
                return
            if confirm != "ERASE":
                raise CommandError("Add --confirm ERASE to erase.")
            try:
                erase_person(kind=kind, person=person, user=admin)
            except ErasureRefused as refused:
                raise CommandError(str(refused)) from None
        self.stderr.write(f"{PERSON_KINDS[kind]} {pk} erased.")
