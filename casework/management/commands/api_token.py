"""`redress api-token USERNAME [--name NAME] [--days N]`: issue a bearer token for the API, shown this
once; `--list` shows a user's tokens and `--revoke ID` ends one."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casework import security_log
from casework.models import ApiToken
from casework.services.audit import record_event


class Command(BaseCommand):
    help = "Issue an API token for a user (printed once, only a hash is kept), list a user's tokens, or revoke one."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the system that will use it")
        parser.add_argument("--days", type=int, default=None, help="How long it is valid (default: API_TOKEN_DAYS, 90)")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--list", dest="show", action="store_true", help="List the user's tokens instead of issuing one")
        action.add_argument("--revoke", type=int, metavar="ID", help="Revoke the user's token with this number")

    def handle(self, *args, username: str, name: str, days: int | None, show: bool, revoke: int | None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}")
        if show:
            return self.list_tokens(user)
        if revoke is not None:
            return self.revoke(user, revoke)
        if not user.is_active:
            raise CommandError(f"{username} is not active: an inactive user's tokens are refused")
        if days is not None and not 1 <= days <= 366:
            raise CommandError("--days must be between 1 and 366")
        name = name.strip() or "Issued with redress api-token"
        with transaction.atomic(durable=True):
            token, key = ApiToken.issue(user, name, days)
            # Issuing a credential is recorded, like every other change; the key itself never is.
            record_event(None, "issue_api_token", f"API token '{name}' (#{token.pk}) issued for {username}")
        security_log.record(security_log.TOKEN_ISSUED, username=username, object_ref=f"api-token #{token.pk}")
        self.stderr.write(
            f"API token '{name}' (#{token.pk}) for {username}, valid until {token.expires_at:%Y-%m-%d %H:%M} UTC. "
            "Send it as 'Authorization: Bearer <token>'; it is not shown again:"
        )
        self.stdout.write(key)

    def list_tokens(self, user) -> None:
        now = timezone.now()
        for token in ApiToken.objects.filter(user=user).order_by("id"):
            if token.revoked_at:
                status = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}"
            elif token.expires_at is None or token.expires_at <= now:
                status = "expired"
            else:
                status = f"valid until {token.expires_at:%Y-%m-%d %H:%M}"
            self.stdout.write(f"#{token.pk}\t{token.name}\tissued {token.created_at:%Y-%m-%d %H:%M}\t{status}")

    def revoke(self, user, token_id: int) -> None:
        updated = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if not updated:
            raise CommandError(f"{user.username} has no token #{token_id} that is not already revoked")
        security_log.record(security_log.TOKEN_REVOKED, username=user.username, object_ref=f"api-token #{token_id}")
        self.stdout.write(f"Revoked API token #{token_id} of {user.username}")
