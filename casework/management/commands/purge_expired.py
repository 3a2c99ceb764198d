"""`redress purge-expired`: erase personal data whose retention period has ended, honouring legal
holds. Run daily (cron); safe to run again: an erased case is not erased twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.services.retention import purge_expired


class Command(BaseCommand):
    help = "Erase personal data past its retention period (reference data an administrator sets), except under a legal hold"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be a date like 2026-12-01, not {options['date']!r}") from None
        report = purge_expired(today)
        self.stdout.write(
            f"{today:%-d %B %Y}: personal data erased from {len(report.erased)} case(s); "
            f"{len(report.held)} kept under a legal hold; {len(report.people_erased)} person(s) with no case erased, "
            f"{len(report.people_held)} kept under a legal hold; {report.kept_responses_deleted} old API response(s) kept "
            f"for a retry and {report.security_events_deleted} security event(s) deleted."
        )
