"""A request id for every request: a well-formed X-Request-ID from the proxy in front is
kept (so one id follows a request through the proxy's log and ours), anything else is
replaced with a new uuid4. It is on request.request_id, in the X-Request-ID response
header, and on every log line written while the request is served (outreach.logs).

Celery tasks carry their task id on their log lines the same way (signals below)."""

import re
import uuid

from celery.signals import task_postrun, task_prerun
from django.core.signals import request_finished
from django.dispatch import receiver

from .logs import request_id_var, task_id_var

HEADER = "X-Request-ID"
_SAFE = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def incoming_or_new(value: str | None) -> str:
    return value if value and _SAFE.match(value) else str(uuid.uuid4())


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = incoming_or_new(request.headers.get(HEADER))
        # Not reset on the way out: Django logs 4xx and 5xx responses ("Not Found: ...")
        # after the middleware has returned. request_finished clears it instead.
        request_id_var.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


@receiver(request_finished)
def _request_finished(**kwargs):
    request_id_var.set("")


# Tokens to restore the previous id when a task ends (an eager task inside a request).
_task_tokens: dict = {}


@task_prerun.connect
def _task_started(task_id=None, **kwargs):
    _task_tokens[task_id] = task_id_var.set(task_id or "")


@task_postrun.connect
def _task_finished(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    try:
        task_id_var.reset(token)
    except (TypeError, ValueError):  # no token, or one set in another context
        task_id_var.set("")
