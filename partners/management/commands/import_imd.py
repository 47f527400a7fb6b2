from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.imports.csvfile import FileRejected
from partners.imports.imd import imd_import
from partners.imports.report import print_report


class Command(BaseCommand):
    help = "Set schools' IMD deciles from a CSV of URN,IMD decile (or URN,IMD rank)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report; write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            report = imd_import(raw=file.read_bytes(), dry_run=dry_run)
        except FileRejected as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"Cannot read the file: {exc}") from exc
        print_report(self.stdout, report)
