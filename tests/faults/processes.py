"""Real processes for the fault tests: Celery workers, gunicorn, and private Redis and
PostgreSQL servers a test may stop and start (the machine's own are never touched). Every
process listens on 127.0.0.1 only and is stopped when its `with` block ends."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _newest_postgres_bin() -> Path:
    """Debian's layout: /usr/lib/postgresql/<major>/bin; the newest installed."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _newest_postgres_bin()


def wait_for(condition, timeout, what, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def app_env(*, database_url: str, redis_url: str, **extra) -> dict:
    """The environment of an application process (web or worker) of a test."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        **{name: str(value) for name, value in extra.items()},
    }


@contextlib.contextmanager
def process(args, *, env, log: Path, stop_timeout=20):
    """Run args until the block ends: SIGTERM, then SIGKILL if it will not stop."""
    with log.open("a") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield proc
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=stop_timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def worker(queues: str, behaviour: str, *, env, log: Path):
    """A real Celery worker (tests/faults/worker.py), one prefork child."""
    return process(
        [sys.executable, "-m", "tests.faults.worker", queues, behaviour], env=env, log=log
    )


def log_tail(log: Path, chars=3000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else ""


class PrivateRedis:
    """A redis-server of the test's own, keeping nothing on disk, so a restart empties it."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        subprocess.run(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
                "--daemonize", "yes",
                "--pidfile", str(self.workdir / f"redis-{self.port}.pid"),
                "--logfile", str(self.workdir / f"redis-{self.port}.log"),
            ],
            check=True,
        )  # fmt: skip
        wait_for(lambda: self.cli("ping") == "PONG", 10, "redis to answer")

    def cli(self, *args) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True
        )
        return done.stdout.strip()

    def stop(self):
        self.cli("shutdown", "nosave")
        wait_for(lambda: not _listening(self.port), 10, "redis to stop")

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(AssertionError):
            self.stop()


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own in a temporary folder, on a free port."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="outreach-faults-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/outreach"

    def _pg(self, *args, check=True):
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args], check=check, capture_output=True, text=True
        )

    def init(self):
        shutil.chown(self.dir, "postgres", "postgres")
        self._pg(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        self._pg(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "outreach")

    def start(self):
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1"
        self._pg(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log),
            "-w", "start",
        )  # fmt: skip

    def stop(self):
        self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def __enter__(self):
        self.init()
        return self

    def __exit__(self, *exc):
        self._pg(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop",
            check=False,
        )  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)


def broker_client(url: str):
    """A Celery client on a private broker, sending tasks by name as the web process and
    beat do (the test process's own app stays on the shared broker)."""
    from celery import Celery

    # Not the current app: shared tasks sent elsewhere in the test run keep the real one.
    client = Celery("faults-client", broker=url, backend=url, set_as_current=False)
    client.conf.broker_connection_retry_on_startup = True
    return client


def children(pid: int) -> set[int]:
    """The child processes of pid (gunicorn's workers, a Celery worker's pool)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in path.read_text().split()} if path.exists() else set()


def manage(*args, env) -> str:
    """Run manage.py (or, with "-m", a module) in a process of its own; its output."""
    command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def gunicorn(port: int, *, env, log: Path, workers=2):
    return process(
        [
            sys.executable, "-m", "gunicorn", "outreach.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "30",
        ],
        env=env,
        log=log,
    )  # fmt: skip
