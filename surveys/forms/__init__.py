from .building import QuestionForm, QuestionnaireCreateForm, QuestionnaireSettingsForm
from .respond import RespondentForm

__all__ = [
    "QuestionForm",
    "QuestionnaireCreateForm",
    "QuestionnaireSettingsForm",
    "RespondentForm",
]
