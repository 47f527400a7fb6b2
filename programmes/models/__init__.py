from .barriers import IDEAS_DESCRIPTIONS, ActionStatus, Barrier, BarrierAction, IdeasCategory
from .events import (
    DEMOGRAPHICS,
    ETHNIC_MINORITY_CATEGORIES,
    DeliveryMode,
    Dimension,
    EngagementEvent,
    EventAmbassador,
    EventDemographic,
    EventYearGroup,
    FeedbackQuote,
)
from .imports import EventImport, ImportStatus
from .plans import AnnualPlan, PlannedActivity
from .programmes import (
    LOGGING_ROLES,
    PERCENT_MEASURES,
    Measure,
    PartnerRole,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
)
from .reference import ActivityType, GatsbyBenchmark, Goal, TargetGroup, TargetGroupCategory

__all__ = [
    "DEMOGRAPHICS",
    "ETHNIC_MINORITY_CATEGORIES",
    "IDEAS_DESCRIPTIONS",
    "LOGGING_ROLES",
    "PERCENT_MEASURES",
    "ActionStatus",
    "ActivityType",
    "AnnualPlan",
    "Barrier",
    "BarrierAction",
    "DeliveryMode",
    "Dimension",
    "EngagementEvent",
    "EventAmbassador",
    "EventDemographic",
    "EventImport",
    "EventYearGroup",
    "FeedbackQuote",
    "GatsbyBenchmark",
    "Goal",
    "IdeasCategory",
    "ImportStatus",
    "Measure",
    "PartnerRole",
    "PlannedActivity",
    "Programme",
    "ProgrammePartner",
    "ProgrammeTarget",
    "TargetGroup",
    "TargetGroupCategory",
]

# Workshop booking (appended).
from .bookings import (  # noqa: E402
    ACTIVE_BOOKING,
    Booking,
    BookingEmail,
    BookingStatus,
    CapacityUnit,
    OfferFormat,
    PriorityGroup,
    RequestProposal,
    RequestStatus,
    SchoolRequest,
    WaitlistEntry,
    WaitlistStatus,
    WorkshopOffer,
    WorkshopSlot,
)

__all__ += [
    "ACTIVE_BOOKING",
    "Booking",
    "BookingEmail",
    "BookingStatus",
    "CapacityUnit",
    "OfferFormat",
    "PriorityGroup",
    "RequestProposal",
    "RequestStatus",
    "SchoolRequest",
    "WaitlistEntry",
    "WaitlistStatus",
    "WorkshopOffer",
    "WorkshopSlot",
]
