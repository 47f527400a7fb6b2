"""Time a bulk upload of 10,000 events through the pages (upload → preview → confirm),
then the same file again, which must change nothing.

    .venv/bin/python benchmarks/bulk_upload.py              # SQLite file var/benchmark.sqlite3
    DATABASE_URL=postgres://user@host:5432/db .venv/bin/python benchmarks/bulk_upload.py

Options: --rows N (default 10000), --xlsx (upload an Excel workbook instead of CSV).
The SQLite file is recreated on each run; on PostgreSQL the data goes into the database
named in DATABASE_URL (use a scratch one), under a fresh ICB area per run.
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        database = ROOT / "var" / "benchmark.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)

    from outreach.accounts.models import Membership, User
    from outreach.accounts.roles import Role
    from partners.models import ICBArea, Organisation
    from programmes.models import EngagementEvent, EventImport, PartnerRole
    from programmes.services.imports import import_plan
    from programmes.spreadsheets import column_names

    run = str(time.time_ns())[-8:]
    area = ICBArea.objects.create(name=f"Benchmark ICB {run}")
    icb = Organisation.objects.create(name=f"Benchmark ICB team {run}", kind="icb", area=area)
    partner = Organisation.objects.create(name=f"Benchmark VCSE {run}", kind="vcse", area=area)
    base_urn = 900_000_000 + int(run[-5:]) * 1000
    schools = [
        Organisation.objects.create(
            name=f"Benchmark School {i} {run}", kind="school", area=area, urn=base_urn + i
        )
        for i in range(200)
    ]
    import datetime

    from programmes.services import programme_create

    programme = programme_create(
        data={
            "name": f"Benchmark programme {run}",
            "area": area,
            "lead_organisation": icb,
            "starts_on": datetime.date(2024, 9, 1),
            "ends_on": datetime.date(2025, 8, 31),
        },
        target_schools=schools,
        partners=[(partner, PartnerRole.DELIVERY)],
    )
    user = User.objects.create_user(f"bench-{run}@example.org", "x")
    Membership.objects.create(user=user, organisation=partner, role=Role.DELIVERY_PARTNER)

    columns = column_names()
    rows = []
    first = datetime.date(2024, 9, 2)
    for i in range(args.rows):
        day = first + datetime.timedelta(days=i % 360)
        rows.append(
            {
                "external_reference": f"BENCH-{i:06d}",
                "date": day.isoformat(),
                "start_time": "09:30",
                "end_time": "10:30",
                "activity_type": "Workshop",
                "title": f"Careers in health workshop {i}",
                "school_urn": str(base_urn + i % 200),
                "goals": "Awareness;Aspiration",
                "gatsby_benchmarks": "5",
                "participants": "60",
                "year_8": "30",
                "year_9": "30",
                "female": "31",
                "male": "29",
                "fsm": "12",
            }
        )
    if args.xlsx:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c, "") for c in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        content, name = buffer.getvalue(), "events.xlsx"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        content, name = buffer.getvalue().encode(), "events.csv"

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    upload_url = reverse("programmes:import_upload", args=[programme.pk])

    def upload_and_confirm(label):
        started = time.perf_counter()
        response = client.post(upload_url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 302, response.content[:2000]
        checked = time.perf_counter()
        preview = client.get(response["Location"])
        assert preview.status_code == 200
        pending = EventImport.objects.latest("pk")
        assert not pending.errors, pending.errors[:5]
        plan = import_plan(pending)
        previewed = time.perf_counter()
        confirmed_response = client.post(response["Location"])
        assert confirmed_response.status_code == 302
        done = time.perf_counter()
        event_import = EventImport.objects.latest("pk")
        print(
            f"{label}: {args.rows:,} rows ({len(content) / 1e6:.1f} MB {name[-4:]}) — "
            f"upload and check {checked - started:.2f} s, preview {previewed - checked:.2f} s, "
            f"confirm {done - previewed:.2f} s, total {done - started:.2f} s; "
            f"preview said {plan}; created {event_import.created}, updated {event_import.updated}, "
            f"unchanged {event_import.unchanged}"
        )
        return done - started, event_import

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Database: {engine}")
    first_total, first_import = upload_and_confirm("First upload")
    stamps = dict(
        EngagementEvent.objects.filter(programme=programme).values_list("pk", "updated_at")
    )
    second_total, second_import = upload_and_confirm("Same file again")
    after = dict(
        EngagementEvent.objects.filter(programme=programme).values_list("pk", "updated_at")
    )
    assert first_import.created == args.rows
    assert second_import.created == second_import.updated == 0
    assert second_import.unchanged == args.rows
    assert stamps == after, "the re-upload changed events"
    print(
        f"Events in the programme: {len(after):,} after both uploads; the second upload "
        "changed nothing."
    )


if __name__ == "__main__":
    main()
