from io import StringIO

from django.core.management import call_command

from programmes.models import Cohort, Participant
from programmes.selectors.cohorts import cohort_dashboard


def _pct(text):
    return int(text.rstrip("%"))


def test_the_demo_cohorts_have_the_shape_of_seed_003(db):
    call_command("seed_demo", stdout=StringIO())
    cohorts = Cohort.objects.filter(programme__name="Into Health and Care Work")
    assert cohorts.count() == 4
    assert Participant.objects.filter(cohort__in=cohorts).count() >= 800
    academy = cohorts.get(name="Care Academy: autumn cohort")
    dash = cohort_dashboard(cohort=academy, named=False)
    counts = [row["count"].value for row in dash.funnel]
    assert counts == sorted(counts, reverse=True)  # a funnel
    assert counts[4] > 100  # hundreds offered jobs
    assert 35 <= _pct(dash.headline[0]["percent"]) <= 55  # ethnic minority, ~44%
    assert dash.headline[0]["target"] == "10%"
    assert 15 <= _pct(dash.headline[1]["percent"]) <= 35  # IMD quintile 1, ~26%
    assert 70 <= _pct(dash.retention[0]["percent"]) <= 95  # in post at 3 months, ~84%
    assert str(dash.value["per_pound"]) == "5.62"
    before = Participant.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Participant.objects.count() == before
