"""The server under load and its heavy Celery worker, started and stopped by the load
test. Production settings (DEBUG off, Secure cookies, TLS assumed at a proxy), bound to
127.0.0.1 only, and each wrapped in `timeout` so it ends by itself even if the script
that started it does not live to stop it."""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .cores import HEAVY_APPLICATION
from .guard import LOOPBACK, check_host

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKERS = 2 * (os.cpu_count() or 2)  # gunicorn's usual 2 x cores
LOG_DIR = ROOT / "var" / "load_test"
HEAVY_SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0"


def server_env(*, database_url: str, redis_url: str, submissions_per_minute: int) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS=LOOPBACK,
        DJANGO_SECURE_SSL_REDIRECT="0",
        SURVEYS_SUBMISSIONS_PER_MINUTE=str(submissions_per_minute),
        LOG_LEVEL="WARNING",
    )
    return env


def collectstatic(env: dict) -> None:
    """WhiteNoise's manifest must exist for pages to render with DEBUG off (made once;
    delete var/staticfiles to make it again after changing static files)."""
    if (ROOT / "var" / "staticfiles" / "staticfiles.json").exists():
        return
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )


def _start(name: str, command: list[str], env: dict, lifetime: float) -> subprocess.Popen:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = open(LOG_DIR / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
    bounded = ["timeout", "--kill-after=10", str(int(lifetime)), *command]
    return subprocess.Popen(
        bounded, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_healthy(url: str, process: subprocess.Popen, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (see {LOG_DIR / 'gunicorn.log'})")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not answer /healthz within a minute")


@contextmanager
def running(
    *,
    host: str,
    port: int,
    env: dict,
    lifetime: float,
    heavy_worker: bool,
    low_priority_reports: bool = True,
    report_prefix: tuple[str, ...] = (),
):
    """gunicorn (WORKERS workers) on host:port, and a heavy-queue Celery worker if asked;
    both stopped on leaving, and by `timeout` after `lifetime` seconds at the latest.

    low_priority_reports: the worker runs niced and its PostgreSQL sessions without
    parallel query, so a national report takes one core and yields it to the web.
    report_prefix: a command the worker runs under (`taskset -c 1`, cores.py); its
    sessions are then named, without parallel query, so they can be given that core."""
    check_host(host)
    url = f"http://{host}:{port}"
    server = _start(
        "gunicorn",
        [
            str(BIN / "gunicorn"),
            "outreach.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"{host}:{port}",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        env,
        lifetime,
    )
    processes = [server]
    try:
        if heavy_worker:
            worker_env = dict(env)
            niced = list(report_prefix)
            if report_prefix:
                worker_env["DATABASE_SESSION_OPTIONS"] = (
                    f"{HEAVY_SESSION_OPTIONS} -c application_name={HEAVY_APPLICATION}"
                )
            elif low_priority_reports:
                worker_env["DATABASE_SESSION_OPTIONS"] = HEAVY_SESSION_OPTIONS
                niced = ["nice", "-n", "19"]
            processes.append(
                _start(
                    "celery-heavy",
                    [
                        *niced,
                        str(BIN / "celery"),
                        "-A",
                        "outreach",
                        "worker",
                        "-Q",
                        "heavy",
                        "-n",
                        "load-heavy@%h",
                        "--concurrency=1",
                        "--prefetch-multiplier=1",
                        "--loglevel=WARNING",
                    ],
                    worker_env,
                    lifetime,
                )
            )
        _wait_healthy(url, server)
        yield url
    finally:
        for process in reversed(processes):
            _stop(process)
