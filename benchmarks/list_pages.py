"""The main list pages at national size, first, middle and last page: time and query count.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outreach_bench \\
        python benchmarks/list_pages.py [--runs 5]

Events and organisations are the HTML lists; bookings and questionnaire responses are
listed by the API (the pages show one school's bookings or one questionnaire's counts).
Each is read by a national administrator, who sees every row: the largest list there
is. The national set has no workshop bookings, so 100,800 are added once (40 slots of
one workshop per programme, 20 schools of its area on each), by INSERT … SELECT.
The goal: the same query count on the first and the last page, each under 300 ms.
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national_data import benchmark_areas  # noqa: E402
from benchmarks.timing import bench_user, signed_in_client, standalone, timed  # noqa: E402

OFFER_TITLE = "Benchmark workshop"
SLOTS_PER_OFFER = 40
SCHOOLS_PER_SLOT = 20
GOAL_MS = 300

BOOKINGS_SQL = """
INSERT INTO programmes_booking
    (slot_id, school_id, year_group_id, students, places, contact_name, contact_email,
     access_needs, status, created_at, cancel_reason, late_cancellation)
SELECT s.id, sc.id, %(year_group)s, 25, 25, 'Careers lead', 'careers.lead@example.org',
       '', 'confirmed', s.created_at, '', false
  FROM programmes_workshopslot s
  JOIN programmes_workshopoffer o ON o.id = s.offer_id AND o.title = %(title)s
  JOIN programmes_programme p ON p.id = o.programme_id
  CROSS JOIN LATERAL (
      SELECT id FROM partners_organisation
       WHERE area_id = p.area_id AND urn IS NOT NULL
       ORDER BY (id * 7919 + s.id) %% 1009, id LIMIT %(schools)s
  ) sc
"""


def ensure_bookings() -> int:
    """Add the benchmark's workshop bookings unless they are there; returns how many."""
    from django.db import connection, transaction

    from partners.models import YearGroup
    from programmes.models import ActivityType, Booking, Programme, WorkshopOffer, WorkshopSlot

    found = Booking.objects.filter(slot__offer__title=OFFER_TITLE)
    if found.exists():
        return found.count()
    activity = ActivityType.objects.order_by("pk").first()
    year_group = YearGroup.objects.get(code="year-9")
    first_day = datetime.date(2024, 9, 16)
    with transaction.atomic():
        for programme in Programme.objects.filter(area__in=benchmark_areas()):
            offer = WorkshopOffer.objects.create(
                programme=programme,
                partner=programme.lead_organisation,
                title=OFFER_TITLE,
                description="A hands-on workshop on careers in health and care.",
                activity_type=activity,
                format="in_school",
                duration_minutes=90,
                max_students=30,
            )
            WorkshopSlot.objects.bulk_create(
                WorkshopSlot(
                    offer=offer,
                    date=first_day + datetime.timedelta(days=7 * week),
                    start_time=datetime.time(10),
                    end_time=datetime.time(11, 30),
                    capacity=25 * SCHOOLS_PER_SLOT,
                    places_taken=25 * SCHOOLS_PER_SLOT,
                    booking_deadline=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC),
                )
                for week in range(SLOTS_PER_OFFER)
            )
        with connection.cursor() as cursor:
            cursor.execute(
                BOOKINGS_SQL,
                {"year_group": year_group.pk, "title": OFFER_TITLE, "schools": SCHOOLS_PER_SLOT},
            )
            cursor.execute("ANALYZE programmes_booking")
            cursor.execute("ANALYZE programmes_workshopslot")
    return found.count()


def pages(user):
    """(label, url, rows the user may list, page size) for each main list."""
    from django.conf import settings
    from django.urls import reverse

    from partners import selectors
    from partners.views import PAGE_SIZE as DIRECTORY_PAGE
    from programmes.models import Booking, EngagementEvent
    from programmes.views._helpers import PAGE_SIZE as EVENTS_PAGE
    from surveys.models import Response

    api_page = settings.REST_FRAMEWORK["PAGE_SIZE"]
    return [
        (
            "events",
            reverse("programmes:events"),
            EngagementEvent.objects.for_user(user),
            EVENTS_PAGE,
        ),
        (
            "organisations",
            reverse("partners:organisation_list"),
            selectors.organisation_directory(user),
            DIRECTORY_PAGE,
        ),
        ("bookings (API)", reverse("booking-list"), Booking.objects.for_user(user), api_page),
        (
            "responses (API)",
            reverse("response-list"),
            Response.objects.for_user(user),
            api_page,
        ),
    ]


def measure(runs: int) -> list[dict]:
    """Per list: rows, and (seconds, queries) at the first and at the last page."""
    admin = bench_user("bench-admin@example.org", superuser=True)
    client = signed_in_client(admin)
    found = []
    for label, url, rows, page_size in pages(admin):
        count = rows.count()

        def get(query, url=url):
            response = client.get(url + query)
            assert response.status_code == 200, (url + query, response.status_code)
            return response

        pages_n = max(1, -(-count // page_size))
        middle_query, last_query = f"?page={(pages_n + 1) // 2}", f"?page={pages_n}"
        first_s, first_q, _ = timed(lambda: get(""), runs)
        middle_s, middle_q, _ = timed(lambda q=middle_query: get(q), runs)
        last_s, last_q, _ = timed(lambda q=last_query: get(q), runs)
        found.append(
            {
                "list": label,
                "rows": count,
                "first": (first_s, first_q),
                "middle": (middle_s, middle_q),
                "last": (last_s, last_q),
            }
        )
    return found


def main():
    args = standalone(__doc__)
    print(f"{ensure_bookings():,} benchmark bookings")
    print(
        "| list | rows | page 1 ms | queries | middle page ms | queries | last page ms | queries |"
    )
    print("|---|---|---|---|---|---|---|---|")
    failed = False
    for row in measure(args.runs):
        cells = [row[at] for at in ("first", "middle", "last")]
        print(
            f"| {row['list']} | {row['rows']:,} | "
            + " | ".join(f"{s * 1000:.0f} | {q}" for s, q in cells)
            + " |"
        )
        failed |= len({q for _, q in cells}) > 1 or max(s for s, _ in cells) * 1000 >= GOAL_MS
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
