"""Restore a backup made by backup_db into the database named by DATABASE_URL."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from outreach.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup_db dump (and the media tar beside it) into the database in "
        "DATABASE_URL. Refuses a database that already has tables unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .dump file written by backup_db")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace what the target database and MEDIA_ROOT already hold",
        )

    def handle(self, *args, **options):
        try:
            result = backup_restore(
                db=connections["default"].settings_dict,
                dump=Path(options["file"]),
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for note in result.notes:
            self.stderr.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(f"Restored into database {result.database!r}."))
        if result.media_restored:
            self.stdout.write(self.style.SUCCESS(f"Media files restored to {settings.MEDIA_ROOT}."))
        self.stdout.write(
            "Next: python manage.py migrate (applies migrations newer than the dump)."
        )
