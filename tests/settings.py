"""Settings for the test suite: the real settings, with a throwaway key and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # the test client and live server speak plain HTTP
os.environ.setdefault("VIRUS_SCAN_REQUIRED", "false")  # the scanning tests start or find clamd themselves

from redress.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
AUTHENTICATION_BACKENDS = ["tests.auth_backends.AxesBackendForTestClient", *AUTHENTICATION_BACKENDS[1:]]  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # A test database is thrown away: its commits (migrations, transactional and browser tests) need not wait for the disk.
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
