"""The programmes section of a workforce lead's or delivery partner's home page."""

from ..models import Programme


def home_section(user, limit: int = 5) -> dict:
    programmes = Programme.objects.for_user(user).select_related("area").order_by("name")
    return {
        "programmes": list(programmes[:limit]),
        "more": programmes.count() > limit,
        "may_log": Programme.objects.loggable_by(user).exists(),
    }
