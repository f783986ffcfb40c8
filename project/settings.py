"""Settings for yibao-flow, read from the environment (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, REPORT_SAMPLE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A file of settings under the environment's own (KEY=value lines): by default the checkout's
# .env, where `make setup` puts a generated SECRET_KEY for development. Empty: none is read.
# The environment wins over it; production sets its variables and has no .env.
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    load_dotenv(ENV_FILE, override=False)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# With DEBUG, Django's own debug pages for a page not found (else the project's, as in
# production: project/error_pages.py).
DEBUG_PAGES = env_bool("DEBUG_PAGES")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment unless DEBUG is on (see README)."
        )
    SECRET_KEY = "debug-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin whose site asks for a verified two-step session (registry/twostep).
    "workflows.registry.twostep.apps.TwoStepAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "viewflow.workflow",
    "workflows.registry",
    "workflows.policy",
    "workflows.audit",
    "workflows.referrals",
    "workflows.documents",
    "workflows.claims",
    "workflows.resettlement",
    "workflows.backups",
    "workflows.finding",
    "workflows.notifications",
]


MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The two policies go on every response, the error pages and static files' too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session idle past its limit and records each sign-in; after the user and the
    # messages are there (workflows/registry/sessions/middleware.py).
    "workflows.registry.sessions.middleware.SessionActivity",
    # After the password, the two-step code before any other page (registry/twostep).
    "workflows.registry.twostep.middleware.TwoStepMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "project.error_pages.ProjectErrorPages",
    # A password someone else gave: every page asks for the person's own first. After any
    # earlier step of sign-in (a two-step code): first that step, then the password.
    "workflows.registry.passwords.middleware.PasswordChangeRequired",
    # Last: it answers a sign-in refused for a lock (workflows/registry/throttling.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workflows.inbox.navigation",
                "workflows.notifications.views.bell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameters, and statements prepared once a connection has run them five
    # times: PostgreSQL then plans each of a page's queries once per connection, not on every
    # request. Behind a pooler in transaction mode that cannot keep prepared statements
    # (PgBouncer before 1.21), set DB_PREPARE_THRESHOLD to 0 to turn preparing off.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env_bool(
        "DB_SERVER_SIDE_BINDING", default=True
    )
    prepare_threshold = int(os.environ.get("DB_PREPARE_THRESHOLD", "5"))
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = prepare_threshold or None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "project.cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background work: Celery on Redis (README, "Background work"). The broker is CELERY_BROKER_URL,
# else REDIS_URL. Without either (a developer's shell, the tests) a task runs where it is sent.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged once it has run, and a task whose worker dies is given to another:
# work is done twice rather than lost, so every task is written to be run again safely.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How long a task taken by a worker that then vanished waits before another worker gets it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # what a task does is in the database, not in results
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE = {
    "workflow-timers": {"task": "workflows.audit.fire_workflow_timers", "schedule": 60.0},
    "access-log-sweep": {"task": "workflows.audit.sweep_access_log", "schedule": 24 * 3600.0},
    "notifications-sweep": {"task": "workflows.notifications.sweep", "schedule": 60.0},
    "notifications-digest": {
        "task": "workflows.notifications.send_digests",
        "schedule": crontab(hour=int(os.environ.get("NOTIFICATION_DIGEST_HOUR", "8")), minute=0),
    },
}

# Email (README, "Notifications"): through the SMTP server EMAIL_HOST names; without one, each
# mail is written as a file under EMAIL_FILE_PATH (var/mail), where a developer reads it.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "yibao-flow <noreply@localhost>")
# Where the links in a mail lead: the address people reach the site at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A failed mail is tried again after this many seconds, doubling with each attempt up to an hour.
NOTIFICATION_MAIL_RETRY = int(os.environ.get("NOTIFICATION_MAIL_RETRY", "60"))

# Small uploads stay in memory; larger ones go to a temporary file that keeps no more than a
# document may have (workflows/documents/uploads.py), so an oversized file is refused without
# filling the disk.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "workflows.documents.uploads.CappedTemporaryFileUploadHandler",
]

AUTH_USER_MODEL = "registry.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked account or address before a password is read.
    "axes.backends.AxesStandaloneBackend",
    "workflows.registry.auth.CachedUserBackend",
    "workflows.registry.auth.ResidentIdBackend",
]
# Every password a person sets (workflows/registry/passwords/validators.py): at least
# PASSWORD_MIN_LENGTH characters; letters, digits and symbols; not like the person's username
# or name, nor containing part of their resident ID; not a common password.
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "10"))
_PASSWORD_RULES = "workflows.registry.passwords.validators"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_PASSWORD_RULES}.MinimumLength", "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": f"{_PASSWORD_RULES}.CharacterClasses"},
    {"NAME": f"{_PASSWORD_RULES}.NotPersonal"},
    {"NAME": f"{_PASSWORD_RULES}.NotCommon"},
]

# Failed sign-ins (django-axes, workflows/registry/throttling.py): after SIGN_IN_FAILURE_LIMIT
# failures in a row for one account (username or resident ID), or SIGN_IN_ADDRESS_FAILURE_LIMIT
# from one address (a hospital's staff share one), that account or address is locked for
# SIGN_IN_LOCK_MINUTES, counted from its last failure. A
# sign-in that succeeds clears its account's count; an administrator unlocks in the admin
# ("Access attempts": delete the row). Every failure and lock is kept (access failure log).
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGN_IN_LOCK_MINUTES", "15")))
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # in this order: SignInAttempts reads it
AXES_HANDLER = "workflows.registry.throttling.SignInAttempts"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_CALLABLE = "workflows.registry.throttling.account_of"
AXES_CLIENT_IP_CALLABLE = "workflows.web.client_ip"
AXES_LOCKOUT_CALLABLE = "workflows.registry.throttling.locked_out"
AXES_VERBOSE = False


def env_minutes(name: str, default: int) -> int:
    minutes = int(os.environ.get(name) or default)
    if minutes < 1:
        raise ImproperlyConfigured(f"{name} is a number of minutes, at least 1.")
    return minutes


# A session ends after this many minutes without a request (workflows/registry/sessions).
# Staff and unit agents work at their desk all day: 30. Insured people come for a few minutes,
# often on a phone others in the family use or a computer in a hospital's hall, and their
# pages show their own diagnoses and bank account: 15, still time to photograph a receipt.
STAFF_IDLE_MINUTES = env_minutes("STAFF_IDLE_MINUTES", 30)
INSURED_IDLE_MINUTES = env_minutes("INSURED_IDLE_MINUTES", 15)
# The access log of personal data (workflows/audit/access): each record is kept this many days,
# then removed by `manage.py sweep_access_log` (daily, on the worker's schedule). Never fewer
# than 180 days: the Cybersecurity Law keeps network logs six months, and on PostgreSQL the
# log's trigger refuses to delete a younger record.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "180"))
if ACCESS_LOG_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(
        f"ACCESS_LOG_RETENTION_DAYS is {ACCESS_LOG_RETENTION_DAYS}: access records are kept "
        "at least 180 days (see README)."
    )
# On PostgreSQL a page's access record is committed without waiting for the disk (its table's
# trigger makes the commit of a transaction that wrote nothing else asynchronous: a crash of the
# database server may lose the last fraction of a second of records). On: each record waits for
# the flush, as every change of a case does.
ACCESS_LOG_SYNCHRONOUS_COMMIT = env_bool("ACCESS_LOG_SYNCHRONOUS_COMMIT")
# Two-step sign-in (django-otp, workflows/registry/twostep/): the roles that must use it (the
# others may turn it on), and the issuer an authenticator app lists the account under.
TWO_STEP_REQUIRED_ROLES = env_list("TWO_STEP_REQUIRED_ROLES", "administrator,center_reviewer")
OTP_TOTP_ISSUER = os.environ.get("TWO_STEP_ISSUER", "yibao-flow")
# Nobody reads another's key in the admin; the administrator resets a device, nothing more.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Language: the user's choice (cookie set by the switcher), then the browser, then Chinese.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # Not the manifest storage: viewflow ships CSS that names fonts it does not ship.
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# Uploaded documents: never under STATIC_ROOT and never served by a URL of their own;
# the download views check who may see them.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Backups (README, "Backups"): `manage.py backup` writes each copy to a new folder under
# BACKUP_DIR, and sends it to the S3-compatible bucket BACKUP_S3_BUCKET when that is set
# (django-storages; keys left empty fall back to boto3's own: AWS_ACCESS_KEY_ID, ~/.aws, a role).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
BACKUP_S3_BUCKET = os.environ.get("BACKUP_S3_BUCKET", "")
if BACKUP_S3_BUCKET:
    STORAGES["backups"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BACKUP_S3_BUCKET,
            "location": os.environ.get("BACKUP_S3_PREFIX", ""),
            "endpoint_url": os.environ.get("BACKUP_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("BACKUP_S3_REGION") or None,
            "access_key": os.environ.get("BACKUP_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("BACKUP_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,  # the bucket's own policy: private unless it says otherwise
            "file_overwrite": True,  # a copy's names are new; never a renamed second object
        },
    }

# Production hardening (manage.py check --deploy passes with DEBUG off).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): a page runs only the scripts and stylesheets of the
# site's own files (static/js, static/css, the admin's); no inline script, event handler,
# style attribute or <style> element, so text that slips into a page unescaped cannot run.
# 'report-sample' lets the browser quote the start of what it refused. A document download
# keeps its own stricter policy (workflows/documents/views.py). Under DEBUG a 404 or 500 goes
# without it: django-csp leaves Django's debug pages, with their inline styles, alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, REPORT_SAMPLE],
        "style-src": [SELF, REPORT_SAMPLE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Where browsers send a report of what the policy refused (any collector of CSP reports). Not a
# setting of its own: django-csp 4 refuses its old CSP_* settings.
if report_uri := os.environ.get("CSP_REPORT_URI", ""):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [report_uri]

# Permissions-Policy (django-permissions-policy): the browser features no page uses are off,
# for the site and for anything it could ever embed. The camera is the site's own pages' only:
# a case page's file chooser offers the phone's camera beside its files (the browser's own
# chooser, which this header leaves alone either way).
PERMISSIONS_POLICY = {
    "camera": ["self"],
    **dict.fromkeys(
        [
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ],
        (),  # allowed to no origin
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of every render at INFO, django-axes every sign-in (its
    # locks come at WARNING, and every failure is in its access failure log).
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
