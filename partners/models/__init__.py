from .areas import ICBArea, LocalAuthority
from .organisations import Organisation, OrganisationKind, SchoolPhase
from .people import Ambassador, Contact, PreferredContact, RenewalReminder
from .reference import CommunityGroup, YearGroup

__all__ = [
    "Ambassador",
    "CommunityGroup",
    "Contact",
    "ICBArea",
    "LocalAuthority",
    "Organisation",
    "OrganisationKind",
    "PreferredContact",
    "RenewalReminder",
    "SchoolPhase",
    "YearGroup",
]
