"""Signing in over HTTP as a person does: the password, then a code from their authenticator app."""

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-test-password"


def app_of(user) -> TOTPDevice:
    """The person's authenticator app, set up before (as on every sign-in after the first)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "Phone"})
    return device


def code_from(device: TOTPDevice) -> str:
    # A code is accepted once; a test signing in twice in one 30-second step may use it again.
    # django-otp also slows guessing after a failure; a test's deliberate failure is not guessing.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_timestamp=None, throttling_failure_count=0)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def signed_in(user, client: Client | None = None) -> Client:
    client = client or Client()
    assert client.post("/sign-in/", {"username": user.username, "password": PASSWORD}).status_code == 302
    assert client.post("/account/two-factor/", {"code": code_from(app_of(user))}).status_code == 302
    return client
