"""`redress worker`: deliver what the outbox holds (letters and notices by email), with retries."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Deliver queued email (letters and notices), retrying with back-off; run one alongside the web app"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Deliver what is due now, then stop")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue")

    def handle(self, *args, batch: bool, interval: float, **options):
        # The database backend's own worker: tasks are rows in the database, written with the action.
        call_command("db_worker", batch=batch, interval=interval, reload=False, verbosity=options["verbosity"])
