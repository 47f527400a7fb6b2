"""Logging: the request id (or Celery task id) on every line, secrets taken out of the
lines, and the JSON formatter used in production (LOG_FORMAT=json).

The ids travel in context variables, so a line logged anywhere during a request, in a
service or a task run in-process, carries the id without being handed it.
"""

import contextvars
import logging
import re

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_id_var = contextvars.ContextVar("request_id", default="")
task_id_var = contextvars.ContextVar("task_id", default="")

# Paths whose segments are secrets: a password reset link (uid and token), a diary feed's
# private token, a questionnaire's link token. Django's "Not Found: /path" warnings, and
# anything else quoting a path, would otherwise write them to the log.
_SECRET_PATHS = [
    (re.compile(r"(/reset/)[^/\s\"'?#]+/[^/\s\"'?#]+"), r"\1[redacted]/[redacted]"),
    (re.compile(r"(/reset/)(?!\[redacted\])[^/\s\"'?#]+"), r"\1[redacted]"),
    (re.compile(r"(/feed/)[^/\s\"'?#]+"), r"\1[redacted]"),
    (re.compile(r"(/q/)[^/\s\"'?#]+"), r"\1[redacted]"),
    # Query strings can carry anything a form was sent with; keep only their names.
    (re.compile(r"([?&][A-Za-z0-9_.-]+)=[^&\s\"'#]*"), r"\1=[redacted]"),
]


_TASK_FIELDS = {"id", "name", "runtime", "hostname", "exc"}
# "Task x[id] succeeded in 0.1s: <return value>" - the value goes.
_TASK_RESULT = re.compile(r"^(Task \S+ succeeded in [0-9.]+s):.*$", re.DOTALL)


def redact(text: str) -> str:
    for pattern, replacement in _SECRET_PATHS:
        text = pattern.sub(replacement, text)
    return text


class ContextFilter:
    """Adds request_id and task_id to every record, and redacts secret path segments
    from its message. Attached to the handlers, so records from every logger pass it."""

    def filter(self, record) -> bool:
        record.request_id = request_id_var.get() or "-"
        record.task_id = task_id_var.get() or "-"
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the line
            message = str(record.msg)
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        # django.request attaches the request itself; its repr quotes the full path.
        if getattr(record, "request", None) is not None:
            record.request = None
        # Celery attaches a task's arguments and return value (an email's whole body,
        # with its reset link, in the case of accounts.send_email): keep the task's id,
        # name and timing only.
        data = getattr(record, "data", None)
        if isinstance(data, dict) and {"args", "kwargs", "return_value"} & data.keys():
            record.data = {k: v for k, v in data.items() if k in _TASK_FIELDS}
            try:
                message = record.getMessage()
            except Exception:  # noqa: BLE001
                message = str(record.msg)
            record.msg, record.args = _TASK_RESULT.sub(r"\1", message), None
        return True


class PlainFormatter(logging.Formatter):
    """Development's plain lines, with tracebacks redacted like messages."""

    def formatException(self, ei):  # noqa: N802 - logging's name
        return redact(super().formatException(ei))


class JsonFormatter(_JsonFormatter):
    """One JSON object a line: time, level, logger, message, request and task ids, and
    any `extra` the caller gave."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault(
            "rename_fields", {"levelname": "level", "name": "logger", "asctime": "time"}
        )
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def formatException(self, ei):  # noqa: N802 - logging's name
        return redact(super().formatException(ei))

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        # Absent ids say nothing; leave them out rather than log "-".
        for key in ("request_id", "task_id", "request"):
            if log_record.get(key) in (None, "", "-"):
                log_record.pop(key, None)
