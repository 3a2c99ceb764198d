"""`redress restore PATH`: a backup into a new, migrated database, kept only if its audit trail verifies."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casework.services.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = "Restore a backup made by `redress backup` into a new, migrated database"

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .tar.gz written by `redress backup`")

    def handle(self, *args, **options):
        try:
            manifest = restore(Path(options["path"]))
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(
            f"Restored the backup of {manifest['made_at']}: {manifest['records']} records; "
            f"audit trail intact, {manifest['events_verified']} events verified."
        )
