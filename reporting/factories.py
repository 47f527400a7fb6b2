"""Test data for reporting: runs saved directly, without the task (tests of the run's
life go through reporting.services)."""

import datetime

import factory
from django.utils import timezone

from outreach.accounts.factories import UserFactory

from .models import ReportKind, ReportRun, ReportSchedule, RunStatus
from .scope import ScopeKind


class ReportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRun

    kind = ReportKind.ANNUAL_CYCLE
    scope_kind = ScopeKind.PROGRAMME
    programme = factory.SubFactory("programmes.factories.ProgrammeFactory")
    academic_year = 2024
    date_from = datetime.date(2024, 9, 1)
    date_to = datetime.date(2025, 8, 31)
    params_key = factory.Sequence(lambda n: f"{n:064x}")
    requested_by = factory.SubFactory(UserFactory)
    status = RunStatus.DONE
    progress = 100
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class ReportScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSchedule

    owner = factory.SubFactory(UserFactory)
    kind = ReportKind.IMPACT
    scope_kind = ScopeKind.PROGRAMME
    programme = factory.SubFactory("programmes.factories.ProgrammeFactory")
