import factory

from .models import ICBArea, Organisation, OrganisationKind


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


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Contact"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="en_GB")
    job_title = "Careers leader"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Ambassador"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="en_GB")
    profession = "Staff nurse"
