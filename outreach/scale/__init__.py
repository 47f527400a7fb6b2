"""Synthetic national data for scale tests and benchmarks (`manage.py seed_scale`).

plan.py says how much, areas.py / events.py / surveys.py make it, bulk.py sends it with
COPY, guard.py tells synthetic data from anything else, summary.py counts and checksums
it. benchmarks/national_data.py builds its set through the same `build`.
"""

from .build import build, remove
from .guard import foreign_rows, synthetic_areas
from .plan import Plan
from .progress import Progress
from .summary import summary

__all__ = ["Plan", "Progress", "build", "foreign_rows", "remove", "summary", "synthetic_areas"]
