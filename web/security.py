"""Middleware for what no library does for us: no-store on every response, naming the person and
address in security events, and the absolute session limit."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from casework import security_log
from casework.security_log import SIGNED_IN_AT


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response the app makes: case pages, API JSON, CSV and PDF
    downloads carry personal and health data, and must not be kept by a browser or a proxy. Static
    files are served before this (by WhiteNoise) and keep their long cache lifetimes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True)
        return response


class SecurityEventsMiddleware:
    """Lets security events name the person and address of the request, and records each refusal
    to show someone a record (the 404 they are given), and each record shown, once the answer is
    on its way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = security_log.RequestContext(request)
        token = security_log.current.set(context)
        try:
            response = self.get_response(request)
        finally:
            security_log.current.reset(token)
        for reference in context.refused:
            security_log.record(
                security_log.ACCESS_REFUSED, username=context.username, address=context.address, object_ref=reference
            )
        viewed = _viewed_reference(request, response)
        if viewed and context.username:
            security_log.record(security_log.VIEWED, username=context.username, address=context.address, object_ref=viewed)
        return response


def _viewed_reference(request, response) -> str:
    """The case or feedback a successful read showed (a page, a document, a letter, API JSON): who
    viewed which case is kept, by reference only."""
    match = getattr(request, "resolver_match", None)
    if request.method != "GET" or response.status_code != 200 or match is None:
        return ""
    return str(match.kwargs.get("reference", ""))


class SessionLimitMiddleware:
    """Signs a person out once SESSION_MAX_SECONDS have passed since they signed in, however active
    they have been (the idle timeout is the session cookie's own age, renewed by requests: web.sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The session says whether someone signed in; the user is not read for that (an API call
        # with a bearer token never needs the session's).
        if SESSION_KEY in request.session:
            started = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - started > settings.SESSION_MAX_SECONDS:
                logout(request)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Everyone signed in with a password alone is sent to enter a code from their authenticator app
    (or to set one up, on their first sign-in) before any page or the admin. The API's session
    authentication asks the same (api.auth); bearer tokens are a separate credential."""

    OPEN = ("/sign-in/", "/sign-out/", "/account/two-factor/", "/api/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.OPEN):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_verified():
            return redirect(f"{reverse('two-factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
