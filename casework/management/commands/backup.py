"""`redress backup [PATH]`: the database and the attached documents, in one archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from casework.services.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the attached documents into one .tar.gz"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="where to write it (default: REDRESS_DATA_DIR/backups/redress-<time>.tar.gz)")

    def handle(self, *args, **options):
        target = Path(options["path"] or Path(settings.DATA_DIR) / "backups" / f"redress-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz")
        manifest = backup(target)
        self.stdout.write(f"Backed up {manifest['records']} records and {manifest['audit_events']} audit events to {target}")
