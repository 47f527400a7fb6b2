from django.db import migrations

YEAR_GROUPS = [("reception", "Reception")] + [
    (f"year-{n}", f"Year {n}") for n in range(1, 14)
] + [("adult", "Adult")]

COMMUNITY_GROUPS = [
    ("young-carers", "Young carers and people with caring responsibilities"),
    ("black-heritage", "People of Black, Caribbean or African heritage"),
    ("ethnic-minority", "People from ethnic minority communities"),
    ("migrants-refugees", "Migrants, refugees and asylum seekers"),
    ("deaf", "Deaf and hard of hearing people"),
    ("neurodivergent", "Neurodivergent people"),
    ("disabled", "Disabled people and people with long-term conditions"),
    ("care-experienced", "Children in care and care leavers"),
    ("neet", "Young people not in education, employment or training (or at risk)"),
    ("low-income", "People from low-income or deprived areas"),
    ("first-generation", "First in their family to go to university"),
    ("lgbtq", "LGBTQ+ young people"),
]


def load(apps, schema_editor):
    YearGroup = apps.get_model("partners", "YearGroup")
    CommunityGroup = apps.get_model("partners", "CommunityGroup")
    for position, (code, name) in enumerate(YEAR_GROUPS):
        YearGroup.objects.update_or_create(code=code, defaults={"name": name, "position": position})
    for position, (code, name) in enumerate(COMMUNITY_GROUPS):
        CommunityGroup.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
