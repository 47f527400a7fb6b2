"""Time the school import at national size: a 50,000-row synthetic GIAS extract, imported
into an empty database and then again (which must change nothing).

    .venv/bin/python benchmarks/import_schools.py                # SQLite (a temp file)
    .venv/bin/python benchmarks/import_schools.py --postgres     # database outreach_bench

Prints the figures; nothing here is a pass/fail test.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()

    if args.postgres:
        import psycopg2

        admin = psycopg2.connect("dbname=test user=postgres host=127.0.0.1")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS outreach_bench")
            cursor.execute("CREATE DATABASE outreach_bench")
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/outreach_bench"
    else:
        folder = tempfile.mkdtemp(prefix="outreach-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from partners.imports.schools import read_area_map, schools_import
    from partners.imports.synthetic import area_map_csv, extract_csv

    call_command("migrate", verbosity=0)
    raw = extract_csv(args.rows)
    mapping = read_area_map(area_map_csv())
    print(
        f"engine: {connection.vendor}; file: {args.rows:,} rows, {len(raw) / 1e6:.1f} MB; "
        f"cores: {os.cpu_count()}"
    )
    for label in ("first import", "same file again"):
        started = time.perf_counter()
        report = schools_import(raw=raw, area_map=mapping)
        elapsed = time.perf_counter() - started
        print(f"{label:<16} {elapsed:6.2f} s   {report.summary()}")


if __name__ == "__main__":
    main()
