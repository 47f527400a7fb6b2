"""Peak memory and speed of the questionnaire-answers export over 1,000,000 answers.

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_exports \\
      python benchmarks/export_memory.py            # loads once, then measures
  ... python benchmarks/export_memory.py --reload   # throw the data away and load again

The data set is results_million.py's (146,000 responses, about 1,000,000 answers), built
by its own loader. Each measurement runs in a fresh subprocess, so the peak resident
memory it reports (ru_maxrss) is the export's alone: the CSV stream through `csv_chunks`
to /dev/null, and the XLSX writer to a temporary file. The CSV must stay under 200 MB.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CSV_LIMIT_MB = 200


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


class _Counting:
    """The export as it is, counting the rows it yields on the way through."""

    def __init__(self, export):
        self.export, self.header, self.rows_seen = export, export.header, 0

    def rows(self, **kwargs):
        for row in self.export.rows(**kwargs):
            self.rows_seen += 1
            yield row


def _child(fmt: str, start: str, end: str) -> None:
    import datetime

    from benchmarks.results_million import _django

    _django()
    from reporting.exports import EXPORTS
    from reporting.exports.csv_stream import csv_chunks
    from reporting.exports.xlsx import write_xlsx
    from reporting.models import ReportKind
    from reporting.periods import Period
    from reporting.scope import ReportScope

    export = EXPORTS[ReportKind.EXPORT_RESPONSES]
    period = Period.between(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))
    scope = ReportScope.national()
    baseline = _peak_mb()
    started = time.perf_counter()
    if fmt == "csv":
        counting = _Counting(export)
        with open(os.devnull, "wb") as sink:
            for chunk in csv_chunks(counting, scope=scope, period=period):
                sink.write(chunk)
        rows, size = counting.rows_seen, None
    else:
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
            rows = write_xlsx(export, scope=scope, period=period, target=target.name)
            size = os.path.getsize(target.name)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {"rows": rows, "seconds": seconds, "peak_mb": _peak_mb(), "baseline_mb": baseline}
            | ({"bytes": size} if size else {})
        )
    )


def _measure(fmt: str, start, end) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", fmt, str(start), str(end)],
        check=True,
        capture_output=True,
        text=True,
        cwd=os.path.dirname(HERE),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_national() -> dict:
    """The CSV of every answer in the database, all of England over every response's
    dates, in a child process (Django must be set up)."""
    from django.db import connection
    from django.db.models import Max, Min
    from django.utils import timezone

    from surveys.models import Response

    span = Response.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    start, end = (timezone.localtime(span[k]).date() for k in ("first", "last"))
    connection.close()
    return _measure("csv", start, end)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "START", "END"))
    parser.add_argument("--skip-xlsx", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(HERE))
    if args.child:
        _child(*args.child)
        return

    from benchmarks.results_million import _django, _setup

    _django()
    from django.db import connection
    from django.db.models import Max, Min
    from django.utils import timezone

    from surveys.models import Answer

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    questionnaire = _setup(args.reload)
    span = questionnaire.responses.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    start, end = (timezone.localtime(span[k]).date() for k in ("first", "last"))
    answers = Answer.objects.count()
    print(f"{answers:,} answers in the database; exporting {start} to {end}, all of England")
    connection.close()  # the children open their own

    for fmt in ("csv", "xlsx"):
        if fmt == "xlsx" and args.skip_xlsx:
            continue
        figures = _measure(fmt, start, end)
        rate = figures["rows"] / figures["seconds"]
        extra = f", file {figures['bytes'] / 1e6:.0f} MB" if "bytes" in figures else ""
        print(
            f"{fmt}: {figures['rows']:,} rows in {figures['seconds']:.1f} s "
            f"({rate:,.0f} rows/s); peak memory {figures['peak_mb']:.0f} MB "
            f"(Django loaded: {figures['baseline_mb']:.0f} MB){extra}"
        )
        if fmt == "csv" and figures["peak_mb"] >= CSV_LIMIT_MB:
            sys.exit(f"CSV export peaked at {figures['peak_mb']:.0f} MB, over {CSV_LIMIT_MB} MB")


if __name__ == "__main__":
    main()
