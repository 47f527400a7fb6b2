from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from programmes import academic_year
from programmes.models import BarrierAction, EngagementEvent, Programme
from programmes.selectors.reach import programme_figures


def test_the_demo_has_a_seed_001_programme_and_a_seed_004_programme(db):
    call_command("seed_demo", stdout=StringIO())
    last_year = academic_year.academic_year_of(timezone.localdate()) - 1
    we_want_you = Programme.objects.get(name="We Want You")
    total, years = programme_figures(we_want_you)
    assert years[last_year].students_reached == 8176
    assert (years[last_year].target_schools_reached, total.target_schools) == (19, 19)
    assert we_want_you.plans.count() == 2
    sel = Programme.objects.get(name="Widening Participation and Increasing Equity")
    categories = set(
        BarrierAction.objects.filter(barrier__programme=sel).values_list("category", flat=True)
    )
    assert categories == {"inform", "develop", "encourage", "awareness", "support"}
    events = EngagementEvent.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert EngagementEvent.objects.count() == events
