"""The Celery application. Settings come from Django's (CELERY_ prefix).

Without REDIS_URL, CELERY_TASK_ALWAYS_EAGER is on and tasks run in the calling process.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")

app = Celery("outreach")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Task ids on the tasks' log lines (signal handlers connected on import).
from outreach import request_id  # noqa: E402, F401

# Every periodic schedule is declared here, in one place.
app.conf.beat_schedule = {
    "ambassador-renewal-reminders": {
        "task": "partners.send_renewal_reminders",
        "schedule": crontab(day_of_month="1", hour="7", minute="0"),
    },
}

# Workshop booking (appended): reminders 7 days and 1 day before, each sent once; held
# waiting-list offers pass on when their time is up.
app.conf.beat_schedule.update(
    {
        "booking-reminders": {
            "task": "programmes.send_booking_reminders",
            "schedule": crontab(hour="8", minute="0"),
        },
        "expire-waitlist-offers": {
            "task": "programmes.expire_waitlist_offers",
            "schedule": crontab(minute="*/10"),
        },
    }
)
# Participant pathways: "still in post?" reminders, daily; each check-in is reminded once.
app.conf.imports = (*(app.conf.imports or ()), "programmes.tasks_participants")
app.conf.beat_schedule["participant-check-in-reminders"] = {
    "task": "programmes.send_check_in_reminders",
    "schedule": crontab(hour="7", minute="30"),
}
# Reports: term-end schedules daily; a sweep for runs whose worker died or whose message
# went missing. (Expired runs and their files go with the retention run below.)
app.conf.beat_schedule.update(
    {
        "report-schedules": {
            "task": "reporting.run_report_schedules",
            "schedule": crontab(hour="6", minute="0"),
        },
        "report-runs-sweep": {
            "task": "reporting.sweep_report_runs",
            "schedule": crontab(minute="*/5"),
        },
    }
)
# Data protection: the retention schedule applied nightly (responses, identities, contacts,
# report files, audit entries, sign-in records, inactive accounts); one run a day.
app.conf.beat_schedule["retention-run"] = {
    "task": "privacy.apply_retention",
    "schedule": crontab(hour="2", minute="15"),
}
