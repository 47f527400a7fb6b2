from django.core.management.base import BaseCommand

from outreach.audit.context import audit_context
from outreach.privacy.models import Kind
from outreach.privacy.services import apply_retention


class Command(BaseCommand):
    help = "Apply the retention schedule now (or, with --dry-run, say what it would do)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        with audit_context(source="command"):
            run = apply_retention(dry_run=dry_run)
        labels = dict(Kind.choices)
        for kind, item in run.counts.items():
            self.stdout.write(f"{labels.get(kind, kind)}: {item['count']} ({item['action']})")
