"""Say "task" for whatever a Celery task changes, and "command" for management commands,
without each task and command opening its own audit context."""

from contextvars import Token
from dataclasses import replace

from celery.signals import task_postrun, task_prerun
from django.core.management.base import BaseCommand

from . import context

_tokens: dict[str, Token] = {}


def _task_started(task_id=None, task=None, **kwargs):
    ctx = context.current()
    inner = replace(ctx, source="task", request_id=ctx.request_id or str(task_id or "")[:64])
    _tokens[task_id] = context._current.set(inner)


def _task_finished(task_id=None, **kwargs):
    token = _tokens.pop(task_id, None)
    if token is not None:
        context._current.reset(token)


def _wrap_commands() -> None:
    if getattr(BaseCommand.execute, "_audit_wrapped", False):
        return
    original = BaseCommand.execute

    def execute(self, *args, **options):
        # A command called from a task or a request keeps that source.
        if context.current().source != "system":
            return original(self, *args, **options)
        with context.audit_context(source="command"):
            return original(self, *args, **options)

    execute._audit_wrapped = True
    BaseCommand.execute = execute


def connect() -> None:
    task_prerun.connect(_task_started, dispatch_uid="audit-task-started", weak=False)
    task_postrun.connect(_task_finished, dispatch_uid="audit-task-finished", weak=False)
    _wrap_commands()
