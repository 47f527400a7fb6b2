"""Programmes resources under /api/v1/ (see views.py)."""

from . import views


def register(router):
    router.register("goals", views.GoalViewSet, basename="goal")
    router.register("target-groups", views.TargetGroupViewSet, basename="target-group")
    router.register("activity-types", views.ActivityTypeViewSet, basename="activity-type")
    router.register("gatsby-benchmarks", views.GatsbyBenchmarkViewSet, basename="gatsby-benchmark")
    router.register("programmes", views.ProgrammeViewSet, basename="programme")
    router.register("targets", views.TargetViewSet, basename="target")
    router.register("annual-plans", views.AnnualPlanViewSet, basename="annual-plan")
    router.register("planned-activities", views.PlannedActivityViewSet, basename="planned-activity")
    router.register("events", views.EventViewSet, basename="event")
    router.register("barriers", views.BarrierViewSet, basename="barrier")
    router.register("barrier-actions", views.BarrierActionViewSet, basename="barrier-action")


# Workshop booking and participant pathways (appended).
_register_programmes = register


def register(router):  # noqa: F811
    from . import participants
    from .bookings import register as register_bookings

    _register_programmes(router)
    register_bookings(router)
    participants.register(router)
