"""`redress api-token USERNAME [--name NAME]`: issue a bearer token for the API, shown this once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casework.models import ApiToken
from casework.services.audit import record_event


class Command(BaseCommand):
    help = "Issue an API token for a user. Only a hash is kept: the token is printed once, now."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the system that will use it")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}")
        if not user.is_active:
            raise CommandError(f"{username} is not active: an inactive user's tokens are refused")
        name = name.strip() or "Issued with redress api-token"
        with transaction.atomic(durable=True):
            token, key = ApiToken.issue(user, name)
            # Issuing a credential is recorded, like every other change; the key itself never is.
            record_event(None, "issue_api_token", f"API token '{name}' (#{token.pk}) issued for {username}")
        self.stderr.write(
            f"API token '{name}' for {username}. Send it as 'Authorization: Bearer <token>'; it is not shown again:"
        )
        self.stdout.write(key)
