from django.db import models


class Role(models.TextChoices):
    WORKFORCE_LEAD = "workforce_lead", "Workforce lead"
    DELIVERY_PARTNER = "delivery_partner", "Delivery partner"
    CAREERS_LEAD = "careers_lead", "Careers lead"
    ADMINISTRATOR = "administrator", "Administrator"


ALL_ROLES = frozenset(Role.values)
