"""Reporting's domain operations: one function each, for pages, the API and tasks."""

from .compiling import ClaimLost, RunBusy, report_run_claim, report_run_compile
from .housekeeping import (
    report_runs_delete,
    report_runs_fail_timed_out,
    report_runs_keep_until,
    report_runs_requeue,
)
from .runs import MAX_QUOTES, ScopeNotAllowed, report_run_retry, report_run_start
from .schedules import (
    last_ended_term,
    report_schedule_create,
    report_schedule_stop,
    report_schedules_run,
)

__all__ = [
    "MAX_QUOTES",
    "ClaimLost",
    "RunBusy",
    "ScopeNotAllowed",
    "last_ended_term",
    "report_run_claim",
    "report_run_compile",
    "report_run_retry",
    "report_run_start",
    "report_runs_fail_timed_out",
    "report_runs_delete",
    "report_runs_keep_until",
    "report_runs_requeue",
    "report_schedule_create",
    "report_schedule_stop",
    "report_schedules_run",
]
