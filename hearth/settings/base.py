"""Core Django settings: apps, middleware, templates, static files, locale."""

from __future__ import annotations

import os

from hearth.paths import PACKAGE_DIR, var_dir

DEBUG = os.environ.get("HEARTH_DEBUG", "0") == "1"
# The embedded/demo default key is only for a laptop; a deployment must set HEARTH_SECRET_KEY.
SECRET_KEY = os.environ.get("HEARTH_SECRET_KEY", "hearth-local-demo-key-not-for-production")
ALLOWED_HOSTS = os.environ.get("HEARTH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pgtrigger",
    "pghistory",
    "django_htmx",
    "hearth.ui",
    "hearth.organisation",
    "hearth.geography",
    "hearth.people",
    "hearth.casework",
    "hearth.frontdoor",
    "hearth.lookedafter",
    "hearth.access",
    "hearth.audit",
    "hearth.timescales",
    "hearth.practice",
    "hearth.demo",
    "hearth.returns",
    "hearth.performance",
    "hearth.quality",
    "hearth.workforce",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "hearth.ui.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "hearth.ui.jinja.environment"},
    },
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Static files are served by WhiteNoise straight from the app folders (no collectstatic step).
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [PACKAGE_DIR / "ui" / "static"]
MEDIA_ROOT = var_dir() / "media"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# The council running this Hearth: its branding and its place. A deployment overrides these.
HEARTH_COUNCIL = {
    "name": os.environ.get("HEARTH_COUNCIL_NAME", "Kirklees Council (demo)"),
    "service_name": "Hearth children's services",
    "ons_code": os.environ.get("HEARTH_COUNCIL_ONS_CODE", "E08000034"),
    "dfe_la_number": os.environ.get("HEARTH_COUNCIL_LA_NUMBER", "382"),
}

# The council's practice model: a name ("restorative") or a pinned version ("restorative@2").
# Changing it needs no code: new cases open on it; `hearth practice migrate` moves cases in flight.
HEARTH_PRACTICE_MODEL = os.environ.get("HEARTH_PRACTICE_MODEL", "restorative")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HEARTH_LOG_LEVEL", "WARNING")},
}
