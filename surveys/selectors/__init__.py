from .compare import goal_comparison
from .results import (
    MIN_CELL,
    ResultFilters,
    filtered_responses,
    question_results,
    theme_counts,
)

__all__ = [
    "MIN_CELL",
    "ResultFilters",
    "filtered_responses",
    "goal_comparison",
    "question_results",
    "theme_counts",
]
