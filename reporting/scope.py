"""What a report covers: one programme, one ICB area, several areas, or the nation.

A `ReportScope` is plain data (it is stored on the run and handed to the compiler in a
worker); `scope_allowed(user, scope)` is the one rule for who may ask for which scope.
Compilers read through `programmes()`, which is *not* narrowed to a user: the check is
made once, when the run is asked for, and the worker compiles on the asker's behalf.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from outreach.accounts.scope import scope_for
from partners.models import ICBArea
from programmes.models import Programme


class ScopeKind(models.TextChoices):
    PROGRAMME = "programme", "One programme"
    AREA = "area", "One ICB area"
    AREAS = "areas", "Several ICB areas"
    NATIONAL = "national", "England (every area)"


@dataclass(frozen=True)
class ReportScope:
    kind: str
    programme_id: int | None = None
    area_ids: tuple[int, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "area_ids", tuple(sorted(set(self.area_ids))))
        valid = {
            ScopeKind.PROGRAMME: bool(self.programme_id) and not self.area_ids,
            ScopeKind.AREA: len(self.area_ids) == 1 and not self.programme_id,
            ScopeKind.AREAS: bool(self.area_ids) and not self.programme_id,
            ScopeKind.NATIONAL: not self.programme_id and not self.area_ids,
        }
        if not valid.get(self.kind, False):
            raise ValueError(f"not a report scope: {self!r}")

    @classmethod
    def programme(cls, programme) -> ReportScope:
        return cls(ScopeKind.PROGRAMME, programme_id=getattr(programme, "pk", programme))

    @classmethod
    def areas(cls, areas) -> ReportScope:
        ids = tuple(getattr(a, "pk", a) for a in areas)
        return cls(ScopeKind.AREA if len(set(ids)) == 1 else ScopeKind.AREAS, area_ids=ids)

    @classmethod
    def national(cls) -> ReportScope:
        return cls(ScopeKind.NATIONAL)

    def programmes(self):
        """Every programme the scope covers (not narrowed to a user: see the module doc)."""
        if self.kind == ScopeKind.PROGRAMME:
            return Programme.objects.filter(pk=self.programme_id)
        if self.kind == ScopeKind.NATIONAL:
            return Programme.objects.all()
        return Programme.objects.filter(area_id__in=self.area_ids)

    def area_queryset(self):
        if self.kind == ScopeKind.PROGRAMME:
            return ICBArea.objects.filter(programmes__pk=self.programme_id)
        if self.kind == ScopeKind.NATIONAL:
            return ICBArea.objects.all()
        return ICBArea.objects.filter(pk__in=self.area_ids)

    @property
    def label(self) -> str:
        if self.kind == ScopeKind.PROGRAMME:
            programme = Programme.objects.select_related("area").filter(pk=self.programme_id)
            found = programme.first()
            return f"{found.name} ({found.area.name})" if found else "A programme no longer held"
        if self.kind == ScopeKind.NATIONAL:
            return "England: every ICB area"
        names = list(ICBArea.objects.filter(pk__in=self.area_ids).values_list("name", flat=True))
        if len(names) <= 3:
            return ", ".join(names)
        return f"{len(names)} ICB areas"


def scope_allowed(user, scope: ReportScope) -> bool:
    """Administrators may report on anything, the nation included. A workforce lead on a
    programme in an area they lead, or on areas they all lead. Nobody else."""
    grants = scope_for(user)
    if grants.is_admin:
        # Anything that exists: an id of nothing is refused like one out of reach.
        if scope.kind == ScopeKind.PROGRAMME:
            return Programme.objects.filter(pk=scope.programme_id).exists()
        if scope.area_ids:
            return ICBArea.objects.filter(pk__in=scope.area_ids).count() == len(scope.area_ids)
        return True
    if scope.kind == ScopeKind.NATIONAL:
        return False
    if scope.kind == ScopeKind.PROGRAMME:
        return Programme.objects.manageable_by(user).filter(pk=scope.programme_id).exists()
    return bool(scope.area_ids) and set(scope.area_ids) <= set(grants.lead_area_ids)
