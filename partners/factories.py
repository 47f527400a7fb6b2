import datetime

import factory

from .models import (
    Ambassador,
    CommunityGroup,
    Contact,
    ICBArea,
    Organisation,
    OrganisationKind,
    PreferredContact,
    YearGroup,
)


class ICBAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ICBArea
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"NHS Area {n} ICB")
    code = factory.Sequence(lambda n: f"E54{n:06d}")
    region = "South West"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.VCSE
    area = factory.SubFactory(ICBAreaFactory)
    postcode = "GL1 2AB"


class SchoolFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"School {n}")
    kind = OrganisationKind.SCHOOL


# Reference rows ship in a data migration, but browser tests flush the database, so
# factories get-or-create them by code rather than assume they are there.
class YearGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearGroup
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"year-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    position = factory.Sequence(lambda n: n + 1)


class CommunityGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityGroup
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"group-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="en_GB")
    job_title = "Careers leader"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    preferred_contact = PreferredContact.EMAIL


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambassador
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="en_GB")
    profession = "Staff nurse"
    dbs_checked_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(400))
    dbs_renewal_due = factory.LazyAttribute(
        lambda o: o.dbs_checked_on + datetime.timedelta(days=3 * 365) if o.dbs_checked_on else None
    )
    safeguarding_trained_on = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(100)
    )

    @factory.post_generation
    def year_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.year_groups.set(extracted)
