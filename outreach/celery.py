"""The Celery application. Settings come from Django's (CELERY_ prefix).

Without REDIS_URL, CELERY_TASK_ALWAYS_EAGER is on and tasks run in the calling process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")

app = Celery("outreach")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic schedule is declared here, in one place.
app.conf.beat_schedule = {}
