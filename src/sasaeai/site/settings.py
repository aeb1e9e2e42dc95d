"""One settings module, driven by environment variables.

The database follows the rule of :mod:`sasaeai.site.database`: ``DATABASE_URL``
when set (PostgreSQL or any database), else the demo's SQLite file once
``sasaeai demo`` made it, else SQLite in ``var/``.  Production runs behind a TLS
reverse proxy with the variables of ``docs/production.env.example``;
``docs/deploy.md`` explains each.
"""

from __future__ import annotations

import os
from datetime import timedelta

import dj_database_url
import dj_email_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.management.utils import get_random_secret_key

from sasaeai.site.database import choose_database, var_dir
from sasaeai.site.databases import tuned

# Lets generic Django classes (ModelAdmin[Plan], QuerySet[Report]) be subscripted at run time, for the types.
django_stubs_ext.monkeypatch()

VAR_DIR = var_dir()


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# No key is written here: one in the source would be public.  With DEBUG a random key is made per process
# (sessions end with it); without DEBUG the key stays empty and the site refuses to start
# (sasaeai.site.server.require_secret_key, called by `sasaeai serve` and wsgi.py).
SECRET_KEY = env_str("SECRET_KEY") or (get_random_secret_key() if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- behind a TLS reverse proxy (docs/deploy.md) ------------------------------
# The proxy terminates TLS and says so in X-Forwarded-Proto; it must overwrite that header and
# X-Forwarded-For on every request, or a client could claim HTTPS or another address.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For: the client address is read that many hops from the right.
PROXY_COUNT = env_int("PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "sasaeai.accounts.apps.AdminConfig",  # Django's admin, behind the site's login and two-factor check
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cachalot",  # notes when each table was last written: the key of the public pages' cache
    "sasaeai.accounts",
    "sasaeai.people",
    "sasaeai.plans",
    "sasaeai.reports",
    "sasaeai.evaluation",
    "sasaeai.audit",
    "sasaeai.lifecycle",
    "sasaeai.front",
    "sasaeai.exports",
    "sasaeai.notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sasaeai.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sasaeai.site.urls"

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
                "csp.context_processors.nonce",
                "sasaeai.accounts.context_processors.two_factor",
            ],
        },
    },
]

WSGI_APPLICATION = "sasaeai.site.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(choose_database(VAR_DIR).url, conn_max_age=env_int("CONN_MAX_AGE", 0))
}
DATABASES["default"] = tuned(DATABASES["default"])
# First, so that every response and log line carries the request id (sasaeai.site.request_id).
MIDDLEWARE = ["sasaeai.site.request_id.RequestIdMiddleware", *MIDDLEWARE]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# ASVS 2.1: at least 12 characters, not like the user's name, not a common or all-digit password.
# Django's messages are in Japanese (LANGUAGE_CODE).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- login lockout (django-axes): AXES_FAILURE_LIMIT failures for one user name from one address lock that
# pair out for AXES_COOLOFF_MINUTES; a success clears the count.  The ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sasaeai.accounts.lockout.lockout_response"
# The client's address: the TCP peer, or behind the proxy the last address it wrote into X-Forwarded-For
# (django-ipware counts the proxies *between* client and the last proxy, hence PROXY_COUNT - 1).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None

# --- two-factor login (django-otp, TOTP) for the secretariat and the operator: sasaeai.accounts.twofactor --
SASAEAI_REQUIRE_2FA = env_bool("SASAEAI_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Sasaeai"

# --- sessions: end after SESSION_IDLE_TIMEOUT minutes without a request (each request starts the clock
# again); secretariat and operator sessions also end when the browser closes (accounts.views.LoginView).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT * 60
SESSION_SAVE_EVERY_REQUEST = True

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# An upload larger than this is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# --- Content-Security-Policy (django-csp 4) --------------------------------------
# Scripts and <style> elements only from this site or with the page's nonce ({{ CSP_NONCE }}); style
# *attributes* stay allowed, since the pages, the admin site and the inline SVG charts use them and they
# run no code.  Images may be data: URLs (the charts of the indicator pages).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sasaeai.api.errors.exception_handler",
    # Requests per client address (anonymous), per user, and per address on /api/token/; beyond them 429.
    # Counted in the cache (CACHES), which every process of `sasaeai serve` shares.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
        "token": env_str("API_THROTTLE_TOKEN", "10/minute"),
    },
    # Without it DRF would take the whole X-Forwarded-For header, which a client can vary at will.
    "NUM_PROXIES": PROXY_COUNT,
}
# API tokens (django-rest-knox): only a hash is stored; each token expires.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("API_TOKEN_TTL_DAYS", 30)),
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {"TITLE": "Sasaeai API", "VERSION": "1", "SERVE_INCLUDE_SCHEMA": False}

# --- logging: one JSON object a line on stderr (LOG_FORMAT=text for people) ---------
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "sasaeai.site.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "text" if env_str("LOG_FORMAT", "json") == "text" else "json",
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Django's own loggers go to the same handler, once (not also to its DEBUG console).
    "loggers": {"django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False}},
}

# --- e-mail (password reset): EMAIL_URL, or EMAIL_HOST and its kin; printed to the console when unset ----
_EMAIL = dj_email_url.parse(env_str("EMAIL_URL")) if env_str("EMAIL_URL") else {}
EMAIL_HOST = _EMAIL.get("EMAIL_HOST") or env_str("EMAIL_HOST", "")
EMAIL_BACKEND = _EMAIL.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(_EMAIL.get("EMAIL_PORT") or env_int("EMAIL_PORT", 587))
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER") or env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD") or env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = bool(_EMAIL.get("EMAIL_USE_TLS")) or env_bool("EMAIL_USE_TLS", not _EMAIL)
EMAIL_USE_SSL = bool(_EMAIL.get("EMAIL_USE_SSL")) or env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# The API throttles and django-cachalot's record of each table's last write count in the default cache:
# files under var/, shared by the processes of `sasaeai serve` (gunicorn runs several); in the memory of
# the one process under test.  The public pages drawn for anonymous visitors (sasaeai/site/page_cache.py)
# are kept in "pages", in each process's memory: their keys carry the time of the last write, so a
# process never answers with a page older than the data.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 200},  # a process keeps at most 200 pages (a few MB to tens of MB)
    },
}
# Only the record of writes is wanted: no query result is kept (the stored evaluation makes reads cheap).
CACHALOT_ENABLED = False

if env_bool("SASAEAI_TESTING", False):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- reminders (sasaeai send-reminders, docs/reminders.md) ----------------------------------------------
# Days before a report's due date (提出期限) on which the departments that have not submitted are reminded.
SASAEAI_REMINDER_DAYS = env_int("SASAEAI_REMINDER_DAYS", 3)
# The address of the site, for the links in e-mails (e.g. https://sasaeai.example.jp); relative links when unset.
SASAEAI_SITE_URL = env_str("SASAEAI_SITE_URL", "").rstrip("/")
