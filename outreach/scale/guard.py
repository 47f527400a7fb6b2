"""Whether a database holds anything the generator did not make.

Everything the generator makes hangs from its ICB areas, whose codes start with
plan.CODE ("SYN01"…): organisations and programmes belong to an area, and events,
questionnaires, responses, cohorts and participants belong to a programme. So a
database is synthetic-only when every area is synthetic and there are no user accounts
(the generator makes none; people's accounts are the surest sign of a live database).
Reference data from the migrations (year groups, goals, activity types…) does not count.
"""

from django.contrib.auth import get_user_model

from partners.models import ICBArea

from .plan import CODE


def synthetic_areas():
    return ICBArea.objects.filter(code__startswith=CODE)


def foreign_rows() -> dict[str, int]:
    """What the database holds that the generator did not make: {what: how many}."""
    found = {
        "ICB areas not made by seed_scale": ICBArea.objects.exclude(code__startswith=CODE).count(),
        "user accounts": get_user_model().objects.count(),
    }
    return {what: n for what, n in found.items() if n}
