"""`redress import-cases FILE.csv`: create and update cases from the case management system's file.

All or nothing: every row is checked first, and any problem (each named by row and column) stops
the import before anything is written. Running the same file again changes nothing. The columns
are in docs/import.md.
"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.services.case_import import ImportRefused, import_cases, may_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Create and update cases from a CSV file from the case management system (see docs/import.md)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8)")
        parser.add_argument(
            "--by", metavar="USERNAME", help="The shared services person the audit trail names as importing it (default: system)"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        actor = None
        if options["by"]:
            actor = get_user_model().objects.filter(username=options["by"], is_active=True).first()
            if actor is None:
                raise CommandError(f"--by: there is no active user with the username {options['by']!r}")
            if not may_import(actor):
                raise CommandError(f"--by: {options['by']} is not in shared services, who import cases")
        try:
            handle = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}") from None
        started = time.monotonic()
        with handle:
            try:
                outcome = import_cases(
                    actor, handle, path.stat().st_size, name=path.name, today=timezone.localdate(), progress=self._progress
                )
            except ImportRefused as refused:
                self._end_progress()
                for problem in refused.problems:
                    self.stderr.write(str(problem))
                if refused.total > len(refused.problems):
                    self.stderr.write(f"... and {refused.total - len(refused.problems)} more problems")
                raise CommandError(f"Nothing was imported: {path.name} has {refused.total} problem(s) (listed above)") from None
        self._end_progress()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"{path.name}: {outcome.rows} rows in {seconds:.1f} s: {len(outcome.created)} cases created, "
            f"{len(outcome.changed)} changed, {outcome.unchanged} unchanged."
        )

    def _progress(self, phase: str, done: int, total: int | None) -> None:
        """A bar on a terminal, redrawn in place; nothing when the output goes to a file or a log."""
        if not self.stderr.isatty():
            return
        if total:
            filled = BAR_WIDTH * done // total
            line = f"{phase.capitalize()} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,} rows"
        else:
            line = f"{phase.capitalize()} {done:,} rows"
        self.stderr.write(f"\r{line}", ending="")
        self.stderr.flush()

    def _end_progress(self) -> None:
        if self.stderr.isatty():
            self.stderr.write("")
