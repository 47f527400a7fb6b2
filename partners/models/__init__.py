from .areas import ICBArea
from .organisations import Organisation, OrganisationKind, SchoolPhase
from .people import Ambassador, Contact, PreferredContact
from .reference import CommunityGroup, YearGroup

__all__ = [
    "Ambassador",
    "CommunityGroup",
    "Contact",
    "ICBArea",
    "Organisation",
    "OrganisationKind",
    "PreferredContact",
    "SchoolPhase",
    "YearGroup",
]
