"""Credentials follow the person: their API tokens end when their password changes or their account
is disabled (a token must not outlive the trust it was issued under), and resetting a second factor
is logged."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework import security_log
from casework.models import ApiToken


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _revoke_tokens_on_password_change_or_disable(sender, instance, created, **kwargs):
    if created:
        return
    # `_password` holds the new raw password from set_password() until save() has finished.
    password_changed = getattr(instance, "_password", None) is not None
    if password_changed or not instance.is_active:
        for token_id in ApiToken.objects.filter(user=instance, revoked_at__isnull=True).values_list("pk", flat=True):
            security_log.record(security_log.TOKEN_REVOKED, username=instance.get_username(), object_ref=f"api-token #{token_id}")
        ApiToken.revoke_all_of(instance)
    if password_changed:
        security_log.record(security_log.PASSWORD_CHANGED, username=instance.get_username())


@receiver(post_delete, sender=TOTPDevice)
def _second_factor_reset(sender, instance, **kwargs):
    """An administrator deleting someone's authenticator app (in the admin) resets their second
    factor: they set up a new one at their next sign-in."""
    if instance.confirmed:
        security_log.record(security_log.MFA_RESET, username=instance.user.get_username(), object_ref=f"totp #{instance.pk}")
