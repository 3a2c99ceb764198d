"""`redress demo-code USERNAME`: the code a demo person's authenticator app would show now.

A development convenience for `redress demo` only: it refuses unless DEBUG is on and the database is
the demo's own, so it can never stand in for a real person's second factor.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework import demo


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo person (DEBUG=true and the demo's database only)"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG or not demo.seeded():
            raise CommandError("redress demo-code works only with DEBUG=true on the demo's own database")
        if username not in {staff[0] for staff in demo.STAFF}:
            raise CommandError(f"{username!r} is not one of the demo's people")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no authenticator app set up: run `redress demo` first")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}")
