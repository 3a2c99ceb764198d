"""Settings, all from the environment, in one place.

Development defaults let a fresh clone run on SQLite. With DEBUG off the app refuses to start
without a real SECRET_KEY. Secrets may also come from a file named by NAME_FILE.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"


def env(name: str, default: str = "") -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = env(name, default).lower()
    if value not in {"true", "false", "1", "0", "yes", "no"}:
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in {"true", "1", "yes"}


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = env("SECRET_KEY", DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 32 characters (or DEBUG=true for development)")

# The audit trail is sealed (HMAC) with this key, held outside the database, so that someone who
# can edit the database cannot rewrite events and reseal the chain. Set it in production (from a
# secrets store, `REDRESS_AUDIT_KEY_FILE`) and never change it; without it a key is derived from
# SECRET_KEY, which then must never change either.
REDRESS_AUDIT_KEY = env("REDRESS_AUDIT_KEY") or hmac.new(SECRET_KEY.encode(), b"redress audit chain", hashlib.sha256).hexdigest()

ALLOWED_HOSTS = [host.strip() for host in env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if host.strip()]
DATA_DIR = Path(env("REDRESS_DATA_DIR", str(BASE_DIR / "var")))

# Writers wait for each other instead of failing with "database is locked": each transaction
# takes the write lock when it begins (IMMEDIATE), so none has to upgrade a read lock part way
# through (which SQLite refuses at once, whatever the timeout); WAL lets pages read meanwhile.
SQLITE_OPTIONS = {
    "timeout": int(env("SQLITE_BUSY_TIMEOUT", "20")),
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL;",
}
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'redress.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        # A connection the database dropped (a restart) is replaced before a request uses it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "casework",
    "web",
    "api",
]

MIDDLEWARE = [
    "redress.health.HealthMiddleware",
    "redress.limits.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "redress.urls"
WSGI_APPLICATION = "redress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context.navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-work"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": env("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups (`redress backup`) keep times to the microsecond: audit events are sealed over them.
SERIALIZATION_MODULES = {"exactjson": "casework.serializers"}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Grounds are due one calendar month after the decision; when that is not a working day,
# on the next one (para 32). Set false to keep the calendar date.
REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY = envbool("REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY", "true")

# Documents attached to feedback (paras 30, 38) are kept under DATA_DIR / "uploads", outside the web
# root, and refused above this size.
REDRESS_MAX_UPLOAD_BYTES = int(env("REDRESS_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint announces each step of every PDF at INFO; its problems (a refused URL) stay visible.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
