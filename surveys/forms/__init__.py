from .respond import RespondentForm

__all__ = [
    "RespondentForm",
]
