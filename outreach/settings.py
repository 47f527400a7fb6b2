"""Settings read from the environment (django-environ).

Development needs nothing set: SQLite under var/, tasks run in-process, email on the
console. Production (DJANGO_DEBUG=0) refuses to start without a real secret key and
host list, and turns on every secure-cookie and HTTPS setting `check --deploy` asks for.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value in production.")

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS in production.")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "outreach.admin_apps.OutreachAdminConfig",
    "crispy_forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_celery_beat",
    "outreach",
    "outreach.accounts",
    "partners",
    "programmes",
    "surveys",
    "reporting",
    # Audit trail: follows changes to the apps above (see outreach/audit/).
    "outreach.audit",
    # Data protection: the retention schedule and people's rights (see outreach/privacy/).
    "outreach.privacy",
]

MIDDLEWARE = [
    "outreach.request_id.RequestIdMiddleware",
    "outreach.middleware.HealthCheckMiddleware",
    "outreach.middleware.RetryAfterMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Headers for every response, static files and error pages included (see "Headers
    # and cookies" below).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No cache keeps a signed-in person's pages (they may hold personal data).
    "outreach.middleware.PrivatePagesMiddleware",
    # Audit trail: who acts, from where, for whatever the request changes or reads.
    "outreach.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in rules (outreach.accounts.middleware): who verified with a code, then
    # session timeouts, then the two-factor gate. After messages, to leave a notice.
    "django_otp.middleware.OTPMiddleware",
    "outreach.accounts.middleware.SessionTimeoutMiddleware",
    "outreach.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the outcome of authentication on the sign-in view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "outreach.urls"
WSGI_APPLICATION = "outreach.wsgi.application"
ASGI_APPLICATION = "outreach.asgi.application"

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
                "outreach.context_processors.layout",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'outreach.sqlite3'}"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL settings for this process's sessions, e.g. "-c max_parallel_workers_per_gather=0"
# for the heavy worker: a national report then compiles on one core and leaves the others
# to the web (benchmarks/README.md, "Load test").
if (
    env.str("DATABASE_SESSION_OPTIONS", default="")
    and "postgresql" in DATABASES["default"]["ENGINE"]
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env.str("DATABASE_SESSION_OPTIONS")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the dev server read while a command writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public questionnaire submissions accepted per minute from one address to one
# questionnaire (a school hall behind one network address sends many at once).
SURVEYS_SUBMISSIONS_PER_MINUTE = env.int("SURVEYS_SUBMISSIONS_PER_MINUTE", default=300)

# --- Accounts and authentication ----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first so a locked-out attempt never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
# Reset emails asked for from one address in an hour before it is refused.
PASSWORD_RESET_LIMIT_PER_HOUR = env.int("PASSWORD_RESET_LIMIT_PER_HOUR", default=5)
# How long sign-in records are kept is the retention schedule's (outreach/privacy).

# Throttling: five failures lock one account at one address (a school's staff share an
# address, so one person's typos lock out neither the school nor the account elsewhere).
# Wider, higher limits (outreach.accounts.throttle) stop a distributed guess at one
# account and one address spraying many accounts.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SIGN_IN_ACCOUNT_FAILURE_LIMIT = env.int("SIGN_IN_ACCOUNT_FAILURE_LIMIT", default=20)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=100)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Not axes' own reset: it clears every failure from the address, so one valid account
# would let an attacker keep guessing others. outreach.accounts.signals clears only the
# failures recorded against the account that signed in.
AXES_RESET_ON_SUCCESS = False
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"])
AXES_VERBOSE = False
# The sign-in form posts the email address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
# Lower-case the address so "Ann@x.org" and "ann@x.org" share one failure count.
AXES_USERNAME_CALLABLE = "outreach.accounts.throttle.username_from_request"

# --- Sign-in: sessions and two-factor (outreach.accounts.middleware, .two_factor) ---
# Every signed-in user is staff: sessions end after 30 minutes without a request and 12
# hours after signing in. Polling of a report's progress is not activity.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_PASSIVE_VIEWS = frozenset({"reporting:run_status"})
OTP_TOTP_ISSUER = "Outreach"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# django-otp's back-off after wrong codes: 1, 2, 4, 8 ... seconds.
OTP_TOTP_THROTTLE_FACTOR = env.int("OTP_TOTP_THROTTLE_FACTOR", default=1)
OTP_STATIC_THROTTLE_FACTOR = env.int("OTP_STATIC_THROTTLE_FACTOR", default=1)
# The cookie lives no longer than the longest session may.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=SESSION_ABSOLUTE_TIMEOUT)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "outreach.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy (compose, PaaS) the scheme arrives in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Headers and cookies ----------------------------------------------------------------
# One strict Content-Security-Policy for every page (django-csp): no inline script or
# style anywhere, so no nonces are needed; the API docs load their start-up script from a
# URL of their own (SpectacularSwaggerSplitView). CSP_REPORT_ONLY=1 lets an operator try a
# change in report-only mode first; the default is enforced.
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "object-src": [NONE],
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
# Browser features the service never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Referrer-Policy stays same-origin (above): links out (NHS.UK, a school's website) carry
# no referrer at all, so no record id in a URL ever leaves the service.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cookies are HttpOnly and SameSite=Lax (session, CSRF above), Secure in production.
# Lax, not Strict: with Strict a signed-in person following a link from an email (a
# report ready, a booking) would arrive signed out. Lax still withholds the cookies from
# cross-site POSTs, which is what CSRF needs.
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Messages ("Contact Ann Smith saved") are kept in the session, not in a signed but
# readable cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"


# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Outreach <no-reply@outreach.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the site is reached from outside, for links in emails sent without a request.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
# WhiteNoise warns about a missing root; in development it is simply empty.
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"

# --- Forms --------------------------------------------------------------------------------
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous client is told how to authenticate (401).
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "outreach.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "outreach.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min"},
}
# API throttles: a signed-in client (token or session) is counted by its account, an
# anonymous one by its address. The address is REMOTE_ADDR: with NUM_PROXIES unset, DRF
# would take X-Forwarded-For as sent, which a client can change on every request.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("API_NUM_PROXIES", default=0)
SPECTACULAR_SETTINGS = {
    "TITLE": "Outreach API",
    "DESCRIPTION": "Health and care workforce outreach: partners, programmes, bookings, "
    "questionnaires and reports. Every list is scoped to the signed-in user.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Served from our own static files: no CDN, and it works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Attack suite (schema tests): every operation documents its error answers.
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "outreach.api.schema_errors.add_error_responses",
]
# Participant pathways: five yes / no / prefer-not questions share one choice set.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "YesNoPreferNotEnum": "programmes.models.participants.YesNo",
    "ReportKindEnum": "reporting.models.ReportKind",
    "ReportScopeKindEnum": "reporting.scope.ScopeKind",
    "ReportRunStatusEnum": "reporting.models.RunStatus",
    "ReportFileFormatEnum": "reporting.models.FileFormat",
}

# --- Celery -------------------------------------------------------------------------------
# Without a broker, tasks run in-process so the application works with no other service.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60 * 30
CELERY_TASK_SOFT_TIME_LIMIT = 60 * 25
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
# The worker logs through LOGGING above (JSON, task ids) instead of its own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Celery queues: interactive work never waits behind heavy work -------------------------
# "interactive": what a person is waiting for or was promised soon (emails, booking
# confirmations and follow-ups, reminders, waiting-list offers, the report-runs sweep that
# notices a dead worker). "heavy": long, CPU- and memory-hungry work (compiling reports,
# exports, imports, bulk purges). Each queue has its own workers (docker-compose.yml), so
# a national report never delays a booking confirmation. Routed by task name; a task
# missing here fails tests/test_celery_routes.py (unrouted tasks would land on the
# default queue, interactive).
CELERY_TASK_DEFAULT_QUEUE = "interactive"
INTERACTIVE_TASKS = [
    "accounts.send_email",
    "outreach.ping",
    "partners.send_renewal_reminders",
    "programmes.send_booking_email",
    "programmes.send_booking_reminders",
    "programmes.expire_waitlist_offers",
    "programmes.send_check_in_reminders",
    "reporting.send_report_ready_email",
    "reporting.sweep_report_runs",
]
HEAVY_TASKS = [
    "reporting.compile_report_run",
    "reporting.run_report_schedules",
    "privacy.apply_retention",
]
CELERY_TASK_ROUTES = {
    **{name: {"queue": "interactive"} for name in INTERACTIVE_TASKS},
    **{name: {"queue": "heavy"} for name in HEAVY_TASKS},
}

# Reports: how long runs and their files are kept is the retention schedule's
# (outreach/privacy, "report files"). A running report whose worker has not reported for
# REPORT_HEARTBEAT_STALE_SECONDS is taken to have died: a redelivered task may take it
# over; after REPORT_RUN_TIMEOUT_MINUTES the sweep marks it failed so the person who asked
# can try again.
REPORT_HEARTBEAT_STALE_SECONDS = env.int("REPORT_HEARTBEAT_STALE_SECONDS", default=120)
REPORT_RUN_TIMEOUT_MINUTES = env.int("REPORT_RUN_TIMEOUT_MINUTES", default=30)
# Runs still queued after this long are sent to the broker again (a lost message, or a
# broker restarted without persistence): the claim makes a second delivery harmless.
REPORT_REQUEUE_AFTER_MINUTES = env.int("REPORT_REQUEUE_AFTER_MINUTES", default=10)

# --- Logging ---------------------------------------------------------------------------------
# JSON lines in production, plain text in development (LOG_FORMAT=json|plain). Every line
# carries the request id (outreach.request_id) or Celery task id, with secrets in paths
# redacted (outreach.logs). django.db.backends is never enabled: it logs SQL parameters.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "outreach.logs.ContextFilter"}},
    "formatters": {
        "plain": {
            "()": "outreach.logs.PlainFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {"()": "outreach.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # At DEBUG these log SQL parameters and whole template contexts (CSRF tokens, the
        # request): never below INFO, whatever LOG_LEVEL says.
        "django.db.backends": {"level": "INFO"},
        "django.template": {"level": "INFO"},
        # Sign-in outcomes and refusals: kept at INFO whatever LOG_LEVEL says.
        "outreach.security": {"level": "INFO"},
        # WeasyPrint narrates every layout step at INFO: a report run would flood the log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

OUTREACH_SERVICE_NAME = "Outreach"

# --- Privacy notices ---------------------------------------------------------------------
# The notices at /privacy/... name the controller: each ICB deploying Outreach sets these.
OUTREACH_CONTROLLER_NAME = env.str("OUTREACH_CONTROLLER_NAME", default="your Integrated Care Board")
# How to reach the controller's data protection officer (an email address); empty shows
# "ask the organisation that ran the activity" instead.
OUTREACH_DPO_EMAIL = env.str("OUTREACH_DPO_EMAIL", default="")

# Safeguarding training is refreshed every three years in most NHS trusts.
SAFEGUARDING_TRAINING_VALID_DAYS = env.int("SAFEGUARDING_TRAINING_VALID_DAYS", default=3 * 365)
# --- Upload limits (outreach.uploads: every import form) -------------------------------
# Uploads larger than this are refused before they are read.
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
# Rows any one import file may hold (a national schools extract is about 50,000); the
# events and participants imports keep their own lower limits under this one.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
# A workbook is a zip: what it may unpack to in all, how many parts it may have, and how
# much one large part may expand (real sheets stay well under 100 times).
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
IMPORT_MAX_ZIP_MEMBERS = env.int("IMPORT_MAX_ZIP_MEMBERS", default=1000)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
# Lower-layer super output areas ranked by the English Index of Multiple Deprivation
# (32,844 in IMD 2019); IMD ranks convert to deciles against this count.
IMD_LSOA_COUNT = env.int("IMD_LSOA_COUNT", default=32844)
