"""Staff, their teams and their place in the management chain. Roles are Django groups."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from casework.people import name_of
from policy.facts import Role


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)

    def __str__(self) -> str:
        return self.name


class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    job_title = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"{name_of(self.user)} ({self.team or 'no team'})"


def roles_of(user) -> frozenset[Role]:
    """The roles a user holds: the groups named after a Role."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_redress_roles", None)
    if cached is None:
        from casework.read import compiled  # read on every request: its SQL compiled once a process

        valid = {role.value for role in Role}
        names = compiled.tuples(("roles of",), lambda: user.groups.values_list("name"), user=user.pk)
        cached = frozenset(Role(name) for (name,) in names if name in valid)
        user._redress_roles = cached
    return cached


def team_of(user):
    """The person's team: their profile and its team read in one query, once for this user object."""
    if not user.is_authenticated:
        return None
    related = StaffProfile.user.field.remote_field  # the user's side: `user.profile`
    if not related.is_cached(user):
        from casework.read import compiled  # read on every request: its SQL compiled once a process

        found = compiled.rows(
            ("team of",), lambda: StaffProfile.objects.select_related("team").filter(user_id=user.pk), user=user.pk
        )
        related.set_cached_value(user, found[0] if found else None)
    profile = related.get_cached_value(user)
    return profile.team if profile else None


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is kept; the token is shown once, when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """A new token, valid for `days` (settings.API_TOKEN_DAYS unless given)."""
        key = "rd_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=days or settings.API_TOKEN_DAYS)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key), expires_at=expires_at), key

    def is_usable(self) -> bool:
        """Whether this token authenticates: not revoked, not expired, its user active (read with it)."""
        return (
            self.revoked_at is None and self.expires_at is not None and self.expires_at > timezone.now() and self.user.is_active
        )

    @classmethod
    def revoke_all_of(cls, user) -> int:
        return cls.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
