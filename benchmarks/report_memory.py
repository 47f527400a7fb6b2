"""Peak memory of one heavy worker's job: the nation's impact report for 2024/25,
compiled and rendered to every file format, in a fresh process (ru_maxrss).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/report_memory.py

docs/scaling.md sizes heavy workers by it: each process needs this much at once.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _child() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.national_data import setup_django

    setup_django()
    from reporting.compilers import compile_impact
    from reporting.periods import Period
    from reporting.render import RENDERERS
    from reporting.scope import ReportScope

    baseline = _peak_mb()
    started = time.perf_counter()
    report = compile_impact(scope=ReportScope.national(), period=Period.academic(2024))
    compiled = time.perf_counter() - started
    sizes = {}
    with tempfile.TemporaryDirectory() as folder:
        for fmt, render in RENDERERS.items():
            target = Path(folder) / f"report.{fmt}"
            target.write_bytes(render(report))
            sizes[fmt] = target.stat().st_size
    print(
        json.dumps(
            {
                "compile_seconds": compiled,
                "total_seconds": time.perf_counter() - started,
                "peak_mb": _peak_mb(),
                "baseline_mb": baseline,
                "bytes": sizes,
            }
        )
    )


def measure() -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    if sys.argv[1:] == ["--child"]:
        _child()
        return
    found = measure()
    print(
        f"national impact report: compiled in {found['compile_seconds']:.1f} s, with every "
        f"file in {found['total_seconds']:.1f} s; peak memory {found['peak_mb']:.0f} MB "
        f"(Django loaded: {found['baseline_mb']:.0f} MB); files {found['bytes']}"
    )


if __name__ == "__main__":
    main()
