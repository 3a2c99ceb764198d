"""The second factor (django-otp): set up an authenticator app on first sign-in, with recovery codes
shown once; afterwards a code from the app, or one recovery code, after the password."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework import security_log

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"


def _next(request) -> str:
    """Where to go after the code: a path on this site, or My work. Anything else (another site, a
    word that is not a path) is ignored, never followed or looked up as a page name."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _onwards(request) -> HttpResponseRedirect:
    return HttpResponseRedirect(_next(request))


def _to(page: str, request) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(page)}?{urlencode({'next': _next(request)})}")


def _code(request) -> str:
    return "".join(request.POST.get("code", "").split()).lower()


@login_required
def verify(request):
    """After the password: a code from the app, or a recovery code (each works once)."""
    if request.user.is_verified():
        return _onwards(request)
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True)) + list(
        StaticDevice.objects.filter(user=request.user, confirmed=True)
    )
    if not devices:
        return _to("two-factor-set-up", request)
    error = ""
    if request.method == "POST":
        code = _code(request)
        device = next((d for d in devices if code and verify_token(request.user, d.persistent_id, code)), None)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                security_log.record(security_log.MFA_RECOVERY_CODE_USED)
            return _onwards(request)
        security_log.record(security_log.MFA_FAILED)
        error = "Enter the 6-digit code shown in your authenticator app now, or one of your recovery codes"
    return render(request, "web/two_factor_verify.html", {"error": error, "next": _next(request)})


@login_required
def set_up(request):
    """First sign-in: scan the QR code (or type the key), then enter a code to prove it works."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return _to("two-factor", request)
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": APP_NAME})
    error = ""
    if request.method == "POST":
        if device.verify_token(_code(request)):
            device.confirmed = True
            device.save()
            codes = _new_recovery_codes(request.user)
            otp_login(request, device)
            security_log.record(security_log.MFA_ENROLLED, object_ref=f"totp #{device.pk}")
            return render(request, "web/two_factor_recovery_codes.html", {"codes": codes, "next": _next(request)})
        error = "Enter the 6-digit code your authenticator app shows for Redress"
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code to add Redress to your authenticator app")
    qr = qr.replace("<svg ", '<svg role="img" aria-label="QR code to add Redress to your authenticator app" ', 1)
    context = {"qr": qr, "key": b32encode(device.bin_key).decode(), "error": error, "next": _next(request)}
    return render(request, "web/two_factor_set_up.html", context)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
