"""`redress verify-audit`: walk the audit chain and name the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from casework.services.audit import verify_chain


class Command(BaseCommand):
    help = "Check that no audit event has been changed or removed"

    def handle(self, *args, **options):
        check = verify_chain()
        if not check.intact:
            where = (
                f"event #{check.broken_event.pk} ({check.broken_event.action}, {check.broken_event.at:%Y-%m-%d %H:%M})"
                if check.broken_event
                else "the end of the chain"
            )
            raise CommandError(
                f"Audit chain broken at {where}: {check.problem}. {check.events_checked} events before it are intact."
            )
        self.stdout.write(f"Audit chain intact: {check.events_checked} events verified.")
