"""Back up the database named by DATABASE_URL (pg_dump, custom format) and MEDIA_ROOT."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from outreach.backups import BackupError, backup_create, default_backup_path


class Command(BaseCommand):
    help = (
        "Write a pg_dump custom-format backup of the database in DATABASE_URL to "
        "var/backups/outreach-YYYYmmddTHHMMSSZ.dump (or --output), with a tar of "
        "MEDIA_ROOT beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="file to write, or a folder for a timestamped name in it"
        )

    def handle(self, *args, **options):
        output = Path(options["output"]) if options["output"] else None
        if output is None:
            target = default_backup_path(Path(settings.BASE_DIR) / "var" / "backups")
        elif output.is_dir():  # a folder: a timestamped name inside it
            target = default_backup_path(output)
        else:
            target = output
        try:
            result = backup_create(
                db=connections["default"].settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                target=target,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for note in result.notes:
            self.stderr.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(f"Database backed up to {result.dump}"))
        if result.media:
            self.stdout.write(self.style.SUCCESS(f"Media files backed up to {result.media}"))
        self.stdout.write("These files hold personal data: keep them encrypted and on schedule.")
