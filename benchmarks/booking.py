"""How many bookings a second the booking endpoint (POST /api/v1/bookings/) sustains on
PostgreSQL, and how many places were oversold (must be 0).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_booking_bench \\
        .venv/bin/python benchmarks/booking.py --processes 4 --threads 8 --slots 20

Each of processes × threads clients is a careers lead at its own school with its own
database connection; every client books every slot (1–5 students, in its own random
order) as fast as it can, through the full Django stack (middleware, DRF, the booking
service with its row lock) via Django's test client — no HTTP server in between. Slots
hold 30 places, so most requests end on the waiting list (202), as on a popular day.
Emails go to the in-memory backend. Data goes into a fresh ICB area in the database
named by DATABASE_URL (use a scratch one).
"""

import argparse
import json
import multiprocessing
import os
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def setup(clients: int, slots: int) -> dict:
    import datetime
    import uuid

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from outreach.accounts.models import Membership, User
    from outreach.accounts.roles import Role
    from partners.models import ICBArea, Organisation, YearGroup
    from programmes.models import ActivityType, Goal, PartnerRole, Programme, ProgrammePartner
    from programmes.services import bookings as svc

    run = uuid.uuid4().hex[:8]
    area = ICBArea.objects.create(name=f"Benchmark area {run}", code=f"B{run}"[:9])
    icb = Organisation.objects.create(name=f"ICB {run}", kind="icb", area=area)
    partner = Organisation.objects.create(name=f"Partner {run}", kind="vcse", area=area)
    programme = Programme.objects.create(
        name=f"Benchmark {run}",
        area=area,
        lead_organisation=icb,
        starts_on=datetime.date(2024, 9, 1),
    )
    ProgrammePartner.objects.create(
        programme=programme, organisation=partner, role=PartnerRole.DELIVERY
    )
    year9 = YearGroup.objects.get(code="year-9")
    offer = svc.offer_create(
        programme=programme,
        partner=partner,
        goals=[Goal.objects.get(code="awareness")],
        year_groups=[year9],
        title="Benchmark workshop",
        description="Load test.",
        activity_type=ActivityType.objects.get(code="workshop"),
        duration_minutes=60,
        format="online",
        max_students=30,
        published=True,
    )
    slot_ids = []
    for i in range(slots):
        day = timezone.localdate() + datetime.timedelta(days=10 + i)
        slot_ids.append(
            svc.slot_create(
                offer=offer,
                data=svc.SlotInput(
                    date=day,
                    start_time=datetime.time(10),
                    end_time=datetime.time(11),
                    capacity=30,
                    booking_deadline=timezone.now() + datetime.timedelta(days=5),
                ),
            ).pk
        )
    users = []
    for i in range(clients):
        school = Organisation.objects.create(
            name=f"School {run}-{i}", kind="school", area=area, imd_decile=(i % 10) + 1
        )
        user = User.objects.create(email=f"careers-{run}-{i}@bench.example")
        Membership.objects.create(user=user, organisation=school, role=Role.CAREERS_LEAD)
        users.append(user.pk)
    return {"slots": slot_ids, "users": users, "year": year9.pk, "offer": offer.pk}


def worker(args):
    user_ids, plan, start_at = args
    _django()
    from django.db import connections
    from rest_framework.test import APIClient

    from outreach.accounts.models import User

    results = []
    lock = threading.Lock()

    def client_run(user_id, seed):
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=user_id))
        order = list(plan["slots"])
        random.Random(seed).shuffle(order)
        while time.time() < start_at:
            time.sleep(0.001)
        mine = []
        for slot in order:
            began = time.perf_counter()
            response = client.post(
                "/api/v1/bookings/",
                {
                    "slot": slot,
                    "year_group": plan["year"],
                    "students": random.Random(seed + slot).randint(1, 5),
                    "contact_name": "Bench",
                    "contact_email": "bench@example.org",
                },
                format="json",
            )
            mine.append((response.status_code, time.perf_counter() - began))
        connections.close_all()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client_run, args=(user_id, user_id)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--slots", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database.")
    _django()
    from django.db import connections

    clients = args.processes * args.threads
    plan = setup(clients, args.slots)
    connections.close_all()
    start_at = time.time() + 2
    chunks = [
        (plan["users"][i * args.threads : (i + 1) * args.threads], plan, start_at)
        for i in range(args.processes)
    ]
    with multiprocessing.get_context("fork").Pool(args.processes) as pool:
        began = time.time()
        results = [r for chunk in pool.map(worker, chunks) for r in chunk]
    elapsed = time.time() - max(began, start_at)

    from django.db.models import Sum

    from programmes.models import Booking, WaitlistEntry, WorkshopSlot

    oversold = 0
    for slot in WorkshopSlot.objects.filter(pk__in=plan["slots"]):
        confirmed = (
            Booking.objects.filter(slot=slot, status="confirmed").aggregate(n=Sum("places"))["n"]
            or 0
        )
        held = (
            WaitlistEntry.objects.filter(slot=slot, status="offered").aggregate(n=Sum("places"))[
                "n"
            ]
            or 0
        )
        oversold += max(0, confirmed + held - slot.capacity)
        assert confirmed + held == slot.places_taken, slot.pk
    statuses = {}
    for code, _ in results:
        statuses[code] = statuses.get(code, 0) + 1
    latencies = sorted(t for _, t in results)
    summary = {
        "clients": clients,
        "processes": args.processes,
        "slots": args.slots,
        "requests": len(results),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(results) / elapsed, 1),
        "confirmed_per_second": round(statuses.get(201, 0) / elapsed, 1),
        "statuses": statuses,
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
        "oversold_places": oversold,
        "bookings_confirmed": Booking.objects.filter(slot_id__in=plan["slots"]).count(),
        "waiting_list_entries": WaitlistEntry.objects.filter(slot_id__in=plan["slots"]).count(),
    }
    print(json.dumps(summary, indent=2))
    if oversold:
        sys.exit(1)


if __name__ == "__main__":
    main()
