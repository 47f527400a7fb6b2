"""Fill the database with believable demo data and one user per role. Idempotent.

Each app contributes a `demo.py` with `seed(out)`; they run in DEMO_MODULES order, so
later apps can build on the directory and the users.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

DEMO_MODULES = [
    "partners.demo",
    "outreach.accounts.demo",
    "programmes.demo",
    "surveys.demo",
    "reporting.demo",
]


def _load(name):
    try:
        return import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:  # the app has no demo data yet
            return None
        raise


class Command(BaseCommand):
    help = "Create or refresh demo data and demo users (safe to run again)."

    def handle(self, *args, **options):
        # Demo bookings and reminders would otherwise print every email they "send".
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            for name in DEMO_MODULES:
                module = _load(name)
                if module is not None:
                    module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
