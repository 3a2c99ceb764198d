"""django-axes in the tests: Django's test client's `login()` authenticates without a request, which
axes refuses; it has no address to count, so let it through. Sign-ins over HTTP are still counted."""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTestClient(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def verify_test_client_sign_ins(sender, request, user, **kwargs):
    """Django's test client's `login()` and `force_login()` stand for a whole sign-in, second factor
    included: their request is made up (no address at all), unlike one that came over HTTP."""
    if "REMOTE_ADDR" in request.META:
        return
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test client", defaults={"confirmed": True})
    request.user = user  # the made-up request has none yet
    otp_login(request, device)
