"""`redress demo`: set up the database with demo data and run the web app on this machine."""

import os
import subprocess
import sys
import time
from base64 import b32encode

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework import demo
from casework.generator import generate
from casework.models import Case

GENERATED_YEARS, GENERATED_PER_YEAR = 3, 600


class Command(BaseCommand):
    help = "Create the database with demo data and a demo user for each role, then run the web app"

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up the data only")

    def handle(self, *args, port: str, no_serve: bool, **options):
        if not settings.DEBUG:
            raise CommandError("redress demo runs only with DEBUG=true: it makes users whose password is published")
        started = time.monotonic()
        self.stdout.write("Preparing the database (the first run takes a minute or two)...")
        call_command("migrate", interactive=False, verbosity=0)
        if not demo.seeded() and (User.objects.exists() or Case.objects.exists()):
            raise CommandError(
                "This database already holds users or cases that the demo did not make: the demo adds its users "
                "only to an empty database or its own. Point DATABASE_URL (or REDRESS_DATA_DIR) elsewhere."
            )
        if not demo.seeded():
            today = timezone.localdate()
            self.stdout.write("Making the demo cases, through the same actions people take...")
            demo.seed(today)
            # Years of history for the insight page, in other teams than the hand-made cases (GEN-, GFB-).
            self.stdout.write(f"Generating {GENERATED_YEARS} years of history for the insight page...")
            generate(years=GENERATED_YEARS, feedback_per_year=GENERATED_PER_YEAR, seed=1, today=today)
            self.stdout.write(
                f"Added {GENERATED_YEARS * GENERATED_PER_YEAR:,} generated feedback cases over {GENERATED_YEARS} years"
            )
        self.stdout.write(f"Ready in {time.monotonic() - started:.0f} s.")
        self.stdout.write(
            f"\nRedress is at http://127.0.0.1:{port}/\n\nSign in as any of these (password: {demo.DEMO_PASSWORD}; authenticator key shown):"
        )
        for username, full_name, role, team, _ in demo.STAFF:
            key = b32encode(demo_app(username).bin_key).decode()
            self.stdout.write(f"  {username:<7} {role.value:<16} {key}  {full_name}{f' ({team})' if team else ''}")
        self.stdout.write(
            "\nThen the code from an authenticator app given that person's key above, or from "
            "`redress demo-code USERNAME` (development only)."
        )
        self.stdout.write("")
        if not no_serve:
            self.stdout.write(
                f"Letters and notices sent by email are delivered into {settings.EMAIL_FILE_PATH} (EMAIL_BACKEND).\n"
            )
            worker = start_worker()
            try:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                worker.terminate()
                worker.wait(timeout=10)


def start_worker() -> subprocess.Popen:
    """The outbox's worker, alongside the web app, with the same settings."""
    return subprocess.Popen([sys.executable, "-m", "django", "worker"], env=os.environ.copy())  # noqa: S603 - our own command


def demo_app(username: str) -> TOTPDevice:
    """Each demo person's authenticator app, already set up, so that the printed key signs them in."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=User.objects.get(username=username), defaults={"name": "Demo", "confirmed": True}
    )
    return device
