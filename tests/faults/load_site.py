"""The least a site under load needs: a careers lead who can sign in and book, a published
workshop with many slots (a school books a slot once, so each booking takes a slot of its
own), and an open questionnaire. Run against a migrated database as
python -m tests.faults.load_site SLOTS; prints what the load needs as JSON."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
django.setup()

from outreach.accounts.factories import PASSWORD, MembershipFactory, UserFactory  # noqa: E402
from outreach.accounts.roles import Role  # noqa: E402
from partners.factories import ICBAreaFactory, OrganisationFactory, SchoolFactory  # noqa: E402
from partners.models import OrganisationKind, YearGroup  # noqa: E402
from programmes.factories import ProgrammeFactory, ProgrammePartnerFactory  # noqa: E402
from programmes.models import PartnerRole  # noqa: E402
from programmes.services import bookings as svc  # noqa: E402
from surveys.factories import QuestionnaireFactory  # noqa: E402
from tests.programmes.bookings.conftest import paramedic_offer, slot_input  # noqa: E402


def seed(slots: int) -> dict:
    area = ICBAreaFactory(name="NHS Gloucestershire ICB")
    icb = OrganisationFactory(name="Gloucestershire ICB team", kind=OrganisationKind.ICB, area=area)
    vcse = OrganisationFactory(name="Reach Out VCSE", kind=OrganisationKind.VCSE, area=area)
    school = SchoolFactory(name="Cleeve School", area=area)
    careers = MembershipFactory(
        user=UserFactory(email="careers@example.org"), organisation=school, role=Role.CAREERS_LEAD
    ).user
    programme = ProgrammeFactory(name="We Want You", area=area, lead_organisation=icb)
    ProgrammePartnerFactory(programme=programme, organisation=vcse, role=PartnerRole.DELIVERY)
    year9 = YearGroup.objects.get(code="year-9")
    offer = paramedic_offer(programme, vcse, [year9])
    slot_ids = [svc.slot_create(offer=offer, data=slot_input(days=14 + n)).pk for n in range(slots)]
    questionnaire = QuestionnaireFactory(programme=programme, title="Employability Day")
    return {
        "email": careers.email,
        "password": PASSWORD,
        "year_group": year9.pk,
        "slots": slot_ids,
        "token": questionnaire.token,
    }


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]))))
