"""The one settings module of the IDM Portal.

Every deployment difference comes from environment variables (see README,
"Configuration"). With none set, the portal runs embedded: SQLite, tasks
executed in the web process, files under ./media.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A development machine may keep its variables in ./.env (`make run` writes one);
# variables already set in the environment win. Production hosts have no .env.
load_dotenv(BASE_DIR / ".env", override=False)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true on a development machine)."
        )
    SECRET_KEY = "development-only-key-never-used-with-debug-off"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

PORTAL_APPS = [
    "common",
    "accounts",
    "notifications",
    "workshops",
    "participants",
    "themes",
    "reports",
    "programme",
    "demo",
]

INSTALLED_APPS = [
    # Before the admin, so that its admin classes and widgets are found first.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_filters",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # The portal's apps, lowest layer first: each imports only those before it
    # in this list (see README, "Architecture"; common/tests/test_layers.py).
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "idm_portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.MfaEnrolmentMiddleware",
    "idm_portal.middleware.StrangeInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "idm_portal.urls"
CSRF_FAILURE_VIEW = "idm_portal.errors.csrf_failure"

# Content-Security-Policy (django-csp): everything from the portal itself, no inline
# script anywhere (scripts are static files), no plugin, no framing by other sites.
# Bootstrap draws its icons with data: SVG images; the check-in desk's QR reader
# runs a worker from a blob: URL. The print HTML of a note, shown
# in the preview frame, allows its own <style> block by hash (reports.views.notes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # qr-scanner starts its decoding worker from a blob: URL made by its own script.
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

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
                "accounts.context_processors.role",
            ],
        },
    },
]

WSGI_APPLICATION = "idm_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sign-in is django-allauth's (README, "Accounts and sign-in"): its login, password
# change and reset, TOTP two-factor authentication, recovery codes and rate limits.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
MFA_ADAPTER = "accounts.adapters.MfaAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]  # signup is closed anyway
ACCOUNT_EMAIL_VERIFICATION = "none"  # addresses come from the secretariat's invitations
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset asked for an unknown address mails nobody
ACCOUNT_LOGOUT_ON_GET = False  # sign-out by POST only
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a new password still needs the second factor
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Wrong passwords: per account and per address (IP), counted in the cache. A successful
# password reset clears the account's count, which is the real user's way out.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20"))
LOGIN_FAILURES_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURES_WINDOW_MINUTES", "15"))
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{LOGIN_FAILURES_PER_ADDRESS}/{LOGIN_FAILURES_WINDOW_MINUTES * 60}s/ip,"
    f"{LOGIN_FAILURES_PER_ACCOUNT}/{LOGIN_FAILURES_WINDOW_MINUTES * 60}s/key",
}
# Behind a load balancer the client's address is in X-Forwarded-For; say how many proxies
# to trust, else every visitor would share the balancer's address for the per-address limit.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IDM Portal"
# Encrypts the stored TOTP secrets; changing it makes every enrolled app useless.
TOTP_ENCRYPTION_KEY = os.environ.get("TOTP_ENCRYPTION_KEY") or SECRET_KEY
# Roles that must enrol a second factor before using the portal: "secretariat" and
# "focal_points"; an operator may relax it (MFA_REQUIRED_FOR= empty means nobody).
MFA_REQUIRED_FOR = env_list("MFA_REQUIRED_FOR", "secretariat,focal_points")
# A signed-in session ends after this much inactivity.
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
# How long an invitation link stays valid.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "7"))

# E-mail: SMTP when EMAIL_HOST is set, else written to the console (README, "E-mail").
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IDM Portal <idm-portal@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Rate limits and used TOTP codes live in the cache: several web hosts must share one.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translated content (django-modeltranslation, see README "Translated content"):
# each translated field has a column per language; English is the original, and a
# field not translated into the reader's language falls back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)


def _localized_verbose_name(verbose_name, language):
    # "title (French)", in the reader's language, where forms and the admin name a version.
    from django.utils.text import format_lazy

    return format_lazy("{} ({})", verbose_name, dict(LANGUAGES)[language])


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name
FORMAT_MODULE_PATH = ["idm_portal.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/Zurich")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed from the npm registry by `make`, never committed.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    # The check-in desk's QR code reader (its worker is started from a blob: URL).
    ("vendor/qr-scanner", BASE_DIR / "node_modules" / "qr-scanner"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Largest meeting document (background paper, presentation...) staff may upload.
MEETING_DOCUMENT_MAX_MB = int(os.environ.get("MEETING_DOCUMENT_MAX_MB", "20"))
# An Office or OpenDocument upload whose parts unpack to more than this is a zip bomb.
MEETING_DOCUMENT_MAX_UNPACKED_MB = int(os.environ.get("MEETING_DOCUMENT_MAX_UNPACKED_MB", "200"))
# Largest Word draft of a note the secretariat may upload to convert (reports.docx_import);
# within MEETING_DOCUMENT_MAX_MB, which bounds every request.
NOTE_DRAFT_MAX_MB = int(os.environ.get("NOTE_DRAFT_MAX_MB", "10"))
# A request body larger than the largest document plus this margin (its form's other
# fields) is refused from its Content-Length, before it is read (idm_portal.middleware).
REQUEST_BODY_MARGIN_MB = int(os.environ.get("REQUEST_BODY_MARGIN_MB", "1"))
# No link of the portal comes near this; a longer query string is refused with a message.
REQUEST_QUERY_MAX_CHARS = int(os.environ.get("REQUEST_QUERY_MAX_CHARS", "2048"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # Credentials and endpoint come from the standard AWS_* variables.
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    default_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Bounds on a discussion note's body, so that no preview or PDF is expensive (reports.note_limits).
NOTE_BODY_MAX_CHARS = int(os.environ.get("NOTE_BODY_MAX_CHARS", "200000"))
NOTE_BLOCK_MAX_CHARS = int(os.environ.get("NOTE_BLOCK_MAX_CHARS", "5000"))
NOTE_BRACKETS_MAX = int(os.environ.get("NOTE_BRACKETS_MAX", "100"))
NOTE_FOOTNOTE_CALLS_MAX = int(os.environ.get("NOTE_FOOTNOTE_CALLS_MAX", "500"))
NOTE_FOOTNOTE_REPEATS_MAX = int(os.environ.get("NOTE_FOOTNOTE_REPEATS_MAX", "20"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Days an uploaded participants file that was never imported keeps its rows (personal
# data) before `manage.py purge_participant_imports` erases them.
PARTICIPANT_IMPORT_RETENTION_DAYS = int(os.environ.get("PARTICIPANT_IMPORT_RETENTION_DAYS", "7"))
# Days after a meeting's last day that the passport details of its visa support requests
# are kept before the due jobs (participants.passports) erase them.
PASSPORT_RETENTION_DAYS = int(os.environ.get("PASSPORT_RETENTION_DAYS", "30"))
# Self-registration: how long the link confirming a registrant's address works, and how
# many forms one address (IP) or one e-mail may send (allauth's rate limits, in the cache).
SELF_REGISTRATION_LINK_DAYS = int(os.environ.get("SELF_REGISTRATION_LINK_DAYS", "3"))
SELF_REGISTRATION_RATE_LIMIT = os.environ.get("SELF_REGISTRATION_RATE_LIMIT", "10/1h/ip,3/1h/key")
ACCOUNT_RATE_LIMITS["self_register"] = SELF_REGISTRATION_RATE_LIMIT

# Who signs visa support letters off, printed under the letter as written (the title
# defaults to "Secretariat of the International Dialogue on Migration", translated),
# and the place the letters are dated from.
VISA_LETTER_SIGNATORY_NAME = os.environ.get("VISA_LETTER_SIGNATORY_NAME", "")
VISA_LETTER_SIGNATORY_TITLE = os.environ.get("VISA_LETTER_SIGNATORY_TITLE", "")
VISA_LETTER_PLACE = os.environ.get("VISA_LETTER_PLACE", "Geneva")

# Celery: with no broker configured, tasks run inline in the web process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker, a PDF asked for from a page renders in a thread of the web
# process, so that the page returns at once and its progress panel follows the
# render; "false" renders it before the response (the tests do, to read the result).
RENDER_IN_BACKGROUND_THREAD = os.environ.get("RENDER_IN_BACKGROUND_THREAD", "true") == "true"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "300"))
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "240"))
# A task whose worker died (killed, host lost) goes back to the queue once it has
# been unacknowledged this long; longer than the time limit, so a task still
# running is never handed out twice.
_visibility_timeout = int(
    os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(CELERY_TASK_TIME_LIMIT + 60))
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # Workers look for such abandoned tasks this often (seconds).
    "unacked_restore_interval": max(1, min(10, _visibility_timeout // 3)),
    "unacked_restore_throttle": 1,
}
# A worker process is replaced after this many tasks, bounding any slow growth in memory.
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "200"))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# With the broker away, a request must not hang: give up sending quickly, keep the
# render queued, and let the sweep (below, or `manage.py resend_stale_renders` from
# cron) send it again once the broker is back.
CELERY_BROKER_CONNECTION_TIMEOUT = float(os.environ.get("CELERY_BROKER_CONNECTION_TIMEOUT", "2"))
CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] = CELERY_BROKER_CONNECTION_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": int(os.environ.get("CELERY_PUBLISH_MAX_RETRIES", "2")),
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# A queued render not handed to the workers, or handed to them longer ago than this,
# is stale: the sweep sends it again and its page offers "Try again".
RENDER_STALE_AFTER_SECONDS = int(os.environ.get("RENDER_STALE_AFTER_SECONDS", "600"))
# Tasks outside an app's tasks.py, which autodiscovery reads: the render sweep.
CELERY_IMPORTS = ["reports.dispatch"]

# E-mail. With EMAIL_HOST set, SMTP; else the embedded default prints each message on
# the console and keeps it as a file under MEDIA_ROOT/emails/.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "notifications.backends.ConsoleAndFileEmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IDM Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address as people reach it, for the links in e-mails.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000")
# A message whose sending fails is tried again after 1, 2, 4... minutes, this many times in all.
NOTIFICATIONS_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATIONS_MAX_ATTEMPTS", "5"))
NOTIFICATIONS_RETRY_SECONDS = int(os.environ.get("NOTIFICATIONS_RETRY_SECONDS", "60"))
# A message still "sending" after this long lost its worker: marked failed, not resent.
NOTIFICATIONS_SENDING_TIMEOUT = int(os.environ.get("NOTIFICATIONS_SENDING_TIMEOUT", "900"))
# How long before a consultation closes the states that have not voted are reminded.
CONSULTATION_REMINDER_HOURS = int(os.environ.get("CONSULTATION_REMINDER_HOURS", "48"))
# Celery beat (`celery -A idm_portal beat`) runs the scheduled work this often (seconds);
# without beat, cron runs `manage.py send_due_notifications` and
# `manage.py resend_stale_renders` instead.
CELERY_BEAT_SCHEDULE = {
    "send-due-notifications": {
        "task": "notifications.tasks.send_due_notifications_task",
        "schedule": int(os.environ.get("NOTIFICATIONS_DUE_INTERVAL", "300")),
    },
    "resend-stale-renders": {
        "task": "reports.dispatch.resend_stale_renders_task",
        "schedule": float(os.environ.get("RENDER_SWEEP_SECONDS", "300")),
    },
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of every render at INFO; workers need its warnings only.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
