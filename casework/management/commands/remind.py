"""`redress remind`: remind holders of work falling due and escalate overdue work. Run daily (cron);
safe to run again: nothing already sent is sent twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind holders of open feedback falling due, and escalate overdue feedback to their line managers"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD); for catching up a missed day")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be a date like 2026-12-01, not {options['date']!r}") from None
        sent = send_reminders(today)
        self.stdout.write(
            f"{today:%-d %B %Y}: {sent.reminders} reminders, {sent.escalations} escalations and "
            f"{sent.judicial_review} Judicial Review reminders sent."
        )
