"""`redress purge-idempotency-keys`: forget the API responses kept for retries once past their retention."""

from django.conf import settings
from django.core.management.base import BaseCommand

from casework.services.idempotency import purge_kept_responses


class Command(BaseCommand):
    help = (
        "Delete the API responses kept for retries under an Idempotency-Key that are older than "
        "REDRESS_IDEMPOTENCY_RETENTION_HOURS (24 by default). Run it daily, from cron."
    )

    def handle(self, *args, **options):
        deleted = purge_kept_responses()
        hours = settings.REDRESS_IDEMPOTENCY_RETENTION_HOURS
        self.stdout.write(f"Forgot {deleted} kept API response{'s' if deleted != 1 else ''} older than {hours} hours.")
