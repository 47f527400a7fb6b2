from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.imports.csvfile import FileRejected
from partners.imports.report import print_report
from partners.imports.schools import read_area_map, schools_import


class Command(BaseCommand):
    help = (
        "Import schools from a Get Information About Schools CSV extract (keyed by URN; "
        "running it again updates in place)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--area-map",
            type=Path,
            help="CSV of local_authority,icb_area placing each local authority in an ICB area",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report; write nothing.")

    def handle(self, *args, file, area_map, dry_run, **options):
        try:
            mapping = read_area_map(area_map.read_bytes()) if area_map else None
            report = schools_import(raw=file.read_bytes(), area_map=mapping, dry_run=dry_run)
        except FileRejected as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"Cannot read the file: {exc}") from exc
        print_report(self.stdout, report)
