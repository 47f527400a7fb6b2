from partners.models import YearGroup
from programmes.models import ActivityType, GatsbyBenchmark, Goal, TargetGroup


def test_it_ships_the_four_goals_with_descriptions(db):
    goals = list(Goal.objects.all())
    assert [g.name for g in goals] == ["Awareness", "Aspiration", "Access", "Achievement"]
    assert all(len(g.description) > 40 for g in goals)


def test_it_ships_the_target_groups_of_seeds_002_and_004(db):
    names = set(TargetGroup.objects.values_list("name", flat=True))
    for expected in [
        "Teachers and careers advisers",
        "Employers",
        "Community groups",
        "Primary and Years 7 to 9",
        "Years 10 and 11",
        "Years 11 to 13",
        "Children in care",
        "Care leavers",
        "Young people at risk of NEET",
        "Young carers and people with caring responsibilities",
        "Deaf and hard of hearing people",
        "Neurodivergent people",
        "Migrants, refugees and asylum seekers",
        "People of Black, Caribbean or African heritage",
    ]:
        assert expected in names


def test_every_activity_type_says_which_goals_it_usually_serves(db):
    types = {t.code: t for t in ActivityType.objects.prefetch_related("goals")}
    assert len(types) == 17
    assert all(t.goals.exists() for t in types.values())
    assert {g.code for g in types["work-experience"].goals.all()} == {"access", "achievement"}
    assert {g.code for g in types["webinar"].goals.all()} == {"awareness"}


def test_it_ships_the_eight_gatsby_benchmarks_and_reuses_the_year_groups(db):
    assert list(GatsbyBenchmark.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert GatsbyBenchmark.objects.get(number=5).name == "Encounters with employers and employees"
    assert YearGroup.objects.count() == 15
