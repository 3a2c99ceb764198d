"""`redress demo`: set up the database with demo data and run the web app on this machine."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from casework import demo


class Command(BaseCommand):
    help = "Create the database with demo data and a demo user for each role, then run the web app"

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up the data only")

    def handle(self, *args, port: str, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not demo.seeded():
            demo.seed(timezone.localdate())
        self.stdout.write(
            f"\nRedress is at http://127.0.0.1:{port}/\n\nSign in as any of these (password: {demo.DEMO_PASSWORD}):"
        )
        for username, full_name, role, team, _ in demo.STAFF:
            self.stdout.write(f"  {username:<7} {role.value:<16} {full_name}{f' ({team})' if team else ''}")
        self.stdout.write("")
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
