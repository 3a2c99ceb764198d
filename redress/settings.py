"""Settings, all from the environment, in one place.

Development defaults let a fresh clone run on SQLite. With DEBUG off the app refuses to start
without a real SECRET_KEY. Secrets may also come from a file named by NAME_FILE.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
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
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The app's queries each read a few rows; PostgreSQL's JIT compiler, which its estimates switch on
    # for a query with many subqueries (the facts of an action), took far longer than the query itself.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c plan_cache_mode=force_generic_plan")
    # Planning that query took longer still: it is prepared (`casework/read/prepared.py`), once a
    # connection after this many runs, with the one plan kept (PostgreSQL would otherwise plan it
    # again for each set of values whenever its estimates favour that; only those queries are prepared). A pooler in transaction mode must then keep prepared
    # statements (PgBouncer's max_prepared_statements); DATABASE_PREPARE_THRESHOLD=off prepares none.
    threshold = env("DATABASE_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = None if threshold == "off" else int(threshold)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "casework",
    "web",
    "api",
]

# Headers, lockout, second factor and session limits: configured in the security block at the end.
SECURITY_MIDDLEWARE = [
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "web.security.NoStoreMiddleware",
    "web.security.SecurityEventsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "web.security.SessionLimitMiddleware",
    "web.security.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

MIDDLEWARE = [
    "redress.health.HealthMiddleware",
    "redress.limits.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "web.sessions.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    *SECURITY_MIDDLEWARE,
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
    # zxcvbn's offline lists of passwords from published breaches, and its patterns (repeats, sequences, dates).
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
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
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_MINUTES", "30")) * 60  # idle timeout: see the security block
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Grounds are due one calendar month after the decision; when that is not a working day,
# on the next one (para 32). Set false to keep the calendar date.
REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY = envbool("REDRESS_DEADLINE_ROLLS_TO_WORKING_DAY", "true")

# Documents attached to feedback (paras 30, 38) are kept under DATA_DIR / "uploads", outside the web
# root, and refused above this size.
REDRESS_MAX_UPLOAD_BYTES = int(env("REDRESS_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# A case import file (`redress import-cases`, /imports/cases/) is refused above this size: 100,000
# cases take about 20 MB.
REDRESS_MAX_IMPORT_BYTES = int(env("REDRESS_MAX_IMPORT_BYTES", str(50 * 1024 * 1024)))

# Mail: letters and notices are queued in the outbox with the action that sends them and delivered
# by the worker (`redress worker`). EMAIL_BACKEND is smtp, console, file (into DATA_DIR/mail) or a
# dotted path; the demo writes files. The password may come from EMAIL_HOST_PASSWORD_FILE.
_MAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
EMAIL_BACKEND = _MAIL_BACKENDS.get(_mail := env("EMAIL_BACKEND", "file" if DEBUG else "smtp"), _mail)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "false")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS, usually port 587) or EMAIL_USE_SSL (port 465), not both")
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
# Where the app is reached, for the links in notices sent by email.
REDRESS_SITE_URL = env("REDRESS_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Redress <redress@localhost>")
# A delivery the mail server refused is tried again after REDRESS_MAIL_RETRY_SECONDS, doubling each
# time up to an hour, REDRESS_MAIL_MAX_ATTEMPTS times in all (about a day) before it is marked not delivered.
REDRESS_MAIL_RETRY_SECONDS = float(env("REDRESS_MAIL_RETRY_SECONDS", "30"))
REDRESS_MAIL_MAX_ATTEMPTS = int(env("REDRESS_MAIL_MAX_ATTEMPTS", "30"))
# A worker's claim on a message it is sending lapses after this long, and another worker sends it
# (same Message-ID) if the first stopped: longer than any send (rendering the PDF, then the SMTP
# conversation, each step up to EMAIL_TIMEOUT), or a slow send is sent twice.
REDRESS_MAIL_CLAIM_SECONDS = float(env("REDRESS_MAIL_CLAIM_SECONDS", "600"))
if REDRESS_MAIL_CLAIM_SECONDS < 4 * EMAIL_TIMEOUT:
    raise ImproperlyConfigured("REDRESS_MAIL_CLAIM_SECONDS must be at least four times EMAIL_TIMEOUT, the longest send")

# Background work (the outbox) is a task row written in the action's own transaction, run by the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# ClamAV's daemon scans every upload before it is kept: its socket, a path or HOST:PORT
# (`bin/clamd-local` starts one). Required unless DEBUG; a demo without it says so and keeps documents unscanned.
CLAMD_SOCKET = env("CLAMD_SOCKET")
VIRUS_SCAN_REQUIRED = envbool("VIRUS_SCAN_REQUIRED", "false" if DEBUG else "true")
if VIRUS_SCAN_REQUIRED and not CLAMD_SOCKET:
    raise ImproperlyConfigured("Set CLAMD_SOCKET to clamd's socket (a path or HOST:PORT): uploads must be scanned for malware")

# How long the API keeps a response for a retry under the same Idempotency-Key, then forgets it.
REDRESS_IDEMPOTENCY_RETENTION_HOURS = int(env("REDRESS_IDEMPOTENCY_RETENTION_HOURS", "24"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint announces each step of every PDF at INFO; its problems (a refused URL) stay visible.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# ---- Security: transport, headers, sign-in and sessions (OWASP ASVS 5.0 level 2; docs/security.md) ----
# Behind a proxy that ends TLS, name the header it sets, e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
_proxy_header = [part.strip() for part in env("SECURE_PROXY_SSL_HEADER").split(",") if part.strip()]
if _proxy_header and len(_proxy_header) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be HEADER,VALUE, e.g. HTTP_X_FORWARDED_PROTO,https")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header) if _proxy_header else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline script or style anywhere: scripts and styles come from our own static files, and a
# page that must have an inline block marks it with the request's nonce. The API docs page's
# Swagger UI draws its icons as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
_UNUSED_FEATURES = (
    "accelerometer autoplay camera display-capture encrypted-media fullscreen geolocation gyroscope magnetometer "
    "microphone midi payment picture-in-picture publickey-credentials-get screen-wake-lock usb xr-spatial-tracking"
)
PERMISSIONS_POLICY: dict[str, list[str]] = {feature: [] for feature in _UNUSED_FEATURES.split()}

# Repeated failed sign-ins (the staff pages and the admin alike) lock out that username from that
# address for a cool-off, counted per pair so that nobody can lock a colleague out from elsewhere.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(env("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("SIGN_IN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]
# The source address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address they forwarded.
AXES_IPWARE_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0")) or None

# Sessions end after SESSION_IDLE_MINUTES without a request (SESSION_COOKIE_AGE, renewed by requests
# at most once a minute: web.sessions) and, however busy, SESSION_MAX_HOURS after signing in. API
# tokens last API_TOKEN_DAYS.
SESSION_ENGINE = "web.sessions"
SESSION_MAX_SECONDS = int(env("SESSION_MAX_HOURS", "8")) * 60 * 60
API_TOKEN_DAYS = int(env("API_TOKEN_DAYS", "90"))
PASSWORD_MINIMAL_STRENGTH = 3  # zxcvbn's score out of 4
OTP_TOTP_ISSUER = "Redress"
