"""`redress demo`: set up the database with demo data and run the web app on this machine."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from casework import demo
from casework.generator import generate

GENERATED_YEARS, GENERATED_PER_YEAR = 3, 600


class Command(BaseCommand):
    help = "Create the database with demo data and a demo user for each role, then run the web app"

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up the data only")

    def handle(self, *args, port: str, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not demo.seeded():
            today = timezone.localdate()
            demo.seed(today)
            # Years of history for the insight page, in other teams than the hand-made cases (GEN-, GFB-).
            generate(years=GENERATED_YEARS, feedback_per_year=GENERATED_PER_YEAR, seed=1, today=today)
            self.stdout.write(
                f"Added {GENERATED_YEARS * GENERATED_PER_YEAR:,} generated feedback cases over {GENERATED_YEARS} years"
            )
        self.stdout.write(
            f"\nRedress is at http://127.0.0.1:{port}/\n\nSign in as any of these (password: {demo.DEMO_PASSWORD}):"
        )
        for username, full_name, role, team, _ in demo.STAFF:
            self.stdout.write(f"  {username:<7} {role.value:<16} {full_name}{f' ({team})' if team else ''}")
        self.stdout.write("")
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
