"""`load_test.py setup`: the load test's accounts and data in the target database.

Built on top of whatever data set is there (the national one for reported runs): in each
of the first --areas ICB areas that have a programme with a delivery partner, careers
leads at that area's schools, delivery partners at the programme's delivering
organisation, workforce leads at the area's ICB, a published workshop offer with slots of
ample capacity, an event to log more like, and an open questionnaire. Every account has an
authenticator device whose key goes to the accounts file, so the load generator can type
codes as the real sign-in asks. Running it again changes nothing but bookings and
responses from earlier runs (removed) and the devices' last accepted step (forgotten).
"""

import datetime
import json
import secrets

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from outreach.accounts.models import Membership, User
from outreach.accounts.roles import Role
from partners.models import ICBArea, Organisation, OrganisationKind, YearGroup
from programmes.factories import EventFactory, activity_type, goal
from programmes.models import (
    Booking,
    EngagementEvent,
    PartnerRole,
    ProgrammePartner,
    WaitlistEntry,
    WorkshopOffer,
    WorkshopSlot,
)
from programmes.services import bookings as booking_svc
from surveys.factories import QuestionnaireFactory
from surveys.models import Questionnaire

DOMAIN = "load.test"
ADMIN_EMAIL = f"load-admin@{DOMAIN}"
OFFER_TITLE = "Load test: a day in the life of a nurse"
EVENT_TITLE = "Load test: careers in health workshop"
SLOTS_PER_OFFER = 8
# Sessions, not students: each booking takes one place, and no run can fill this.
SLOT_CAPACITY = 100_000
SECONDARY = ["year-7", "year-8", "year-9", "year-10", "year-11"]


def _areas(count: int):
    """Areas with a programme that has a delivering partner, with their first such
    programme and partner; deterministic (by id)."""
    found = []
    for area in ICBArea.objects.order_by("pk"):
        link = (
            ProgrammePartner.objects.filter(programme__area=area, role=PartnerRole.DELIVERY)
            .select_related("programme", "organisation")
            .order_by("programme_id", "pk")
            .first()
        )
        icb = Organisation.objects.filter(area=area, kind=OrganisationKind.ICB).first()
        if link and icb:
            found.append((area, link.programme, link.organisation, icb))
        if len(found) == count:
            break
    return found


def _account(email: str, name: str, organisation, role: str, password_hash: str) -> dict:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "password": password_hash}
    )
    if user.password != password_hash:
        User.objects.filter(pk=user.pk).update(password=password_hash)
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Load test phone", confirmed=True)
    # django-otp refuses a step it has already accepted; a new run signs in afresh.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return {"email": email, "key": device.key, "organisation_id": organisation.pk}


def _offer(programme, partner) -> tuple[WorkshopOffer, list[int]]:
    offer = WorkshopOffer.objects.filter(programme=programme, title=OFFER_TITLE).first()
    if offer is None:
        offer = booking_svc.offer_create(
            programme=programme,
            partner=partner,
            goals=[goal("awareness"), goal("aspiration")],
            year_groups=list(YearGroup.objects.filter(code__in=SECONDARY)),
            title=OFFER_TITLE,
            description="Students follow a nurse's shift through the day.",
            activity_type=activity_type("workshop"),
            duration_minutes=60,
            format="in_school",
            max_students=30,
            published=True,
        )
    _free(offer.pk)
    future = WorkshopSlot.objects.filter(
        offer=offer, cancelled=False, booking_deadline__gt=timezone.now() + datetime.timedelta(7)
    )
    first = timezone.localdate() + datetime.timedelta(days=30)
    for n in range(SLOTS_PER_OFFER - future.count()):
        day = first + datetime.timedelta(days=n)
        start = datetime.time(9 + n % 6, 0)
        booking_svc.slot_create(
            offer=offer,
            data=booking_svc.SlotInput(
                date=day,
                start_time=start,
                end_time=datetime.time(start.hour + 1, 0),
                capacity=SLOT_CAPACITY,
                capacity_unit="sessions",
                booking_deadline=timezone.make_aware(datetime.datetime.combine(day, start))
                - datetime.timedelta(days=1),
                location="School hall",
                facilitator="",
            ),
        )
    return offer, sorted(future.values_list("pk", flat=True))


def _free(offer_id: int) -> None:
    """Earlier runs' bookings go, so every school starts with every slot free."""
    WaitlistEntry.objects.filter(slot__offer_id=offer_id).delete()
    Booking.objects.filter(slot__offer_id=offer_id).delete()
    WorkshopSlot.objects.filter(offer_id=offer_id).update(places_taken=0)


@transaction.atomic
def reset(content: dict) -> None:
    """Between two runs on the same accounts: slots free again, codes accepted again."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for area in content["areas"]:
        _free(area["offer_id"])
    emails = [a["email"] for role in ("careers", "partners", "leads") for a in content[role]]
    TOTPDevice.objects.filter(user__email__in=emails).update(last_t=-1, throttling_failure_count=0)


def _template_event(programme, partner, user_email) -> EngagementEvent:
    """An event of the partner's to "log another like this" from (the form's own copy)."""
    event = EngagementEvent.objects.filter(programme=programme, title=EVENT_TITLE).first()
    if event is not None:
        return event
    latest = EngagementEvent.objects.filter(programme=programme).order_by("-date").first()
    day = latest.date if latest else programme.starts_on
    school = programme.target_schools.first()
    return EventFactory(
        programme=programme,
        title=EVENT_TITLE,
        date=day,
        school=school,
        participants=30,
        delivering_organisations=[partner],
        goals=[goal("awareness")],
        created_by=User.objects.get(email=user_email),
    )


def _questionnaire(programme, area) -> str:
    title = f"Load test questionnaire (area {area.pk})"
    questionnaire = Questionnaire.objects.filter(programme=programme, title=title).first()
    if questionnaire is None:
        questionnaire = QuestionnaireFactory(
            programme=programme, title=title, template="workshop-before"
        )
    questionnaire.responses.all().delete()
    return questionnaire.token


@transaction.atomic
def build(*, areas: int, careers: int, partners: int, leads: int, password: str) -> dict:
    """The accounts file's content. careers/partners/leads are totals, spread over the
    areas (careers leads one to a school: two at one school could not both book a slot)."""
    chosen = _areas(areas)
    if not chosen:
        raise SystemExit("No area has a programme with a delivery partner: seed data first.")
    password_hash = make_password(password)
    schools = {
        area.pk: list(
            Organisation.objects.filter(area=area, kind=OrganisationKind.SCHOOL).order_by("pk")
        )
        for area, *_ in chosen
    }
    out = {"password": password, "areas": [], "careers": [], "partners": [], "leads": []}
    for index, (area, programme, partner, icb) in enumerate(chosen):
        offer, slots = _offer(programme, partner)
        out["areas"].append(
            {
                "area_id": area.pk,
                "programme_id": programme.pk,
                "offer_id": offer.pk,
                "slot_ids": slots,
                "token": _questionnaire(programme, area),
            }
        )
        for n in range(index, partners, len(chosen)):
            row = _account(
                f"load-partner-{n:03d}@{DOMAIN}",
                f"Load Partner {n}",
                partner,
                Role.DELIVERY_PARTNER,
                password_hash,
            )
            out["partners"].append({**row, "area": index})
        first_partner = out["partners"][-1]["email"] if out["partners"] else None
        event = _template_event(programme, partner, first_partner) if first_partner else None
        out["areas"][-1]["template_event_id"] = event.pk if event else None
        for n in range(index, leads, len(chosen)):
            row = _account(
                f"load-lead-{n:03d}@{DOMAIN}",
                f"Load Lead {n}",
                icb,
                Role.WORKFORCE_LEAD,
                password_hash,
            )
            out["leads"].append({**row, "area": index})
        for k, n in enumerate(range(index, careers, len(chosen))):
            if k >= len(schools[area.pk]):
                break
            row = _account(
                f"load-careers-{n:03d}@{DOMAIN}",
                f"Load Careers {n}",
                schools[area.pk][k],
                Role.CAREERS_LEAD,
                password_hash,
            )
            out["careers"].append({**row, "area": index})
    # For booking-under-report: national reports are started in the administrator's name.
    admin = _account(
        ADMIN_EMAIL, "Load Administrator", chosen[0][3], Role.ADMINISTRATOR, password_hash
    )
    out["admin"] = admin
    return out


def write(path, content: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=1))
    path.chmod(0o600)


def new_password() -> str:
    return secrets.token_urlsafe(12)
