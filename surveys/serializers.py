from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Answer, Option, Question, Questionnaire, Response


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["value", "label"]


class QuestionSerializer(serializers.ModelSerializer):
    options = OptionSerializer(many=True, read_only=True)
    goal = serializers.SlugRelatedField(slug_field="code", read_only=True)
    section = serializers.CharField(source="section.title", read_only=True)
    show_if = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "key",
            "section",
            "kind",
            "text",
            "help_text",
            "required",
            "allow_other",
            "goal",
            "show_if",
            "options",
        ]

    def get_show_if(self, question) -> dict | None:
        if not question.show_if_id:
            return None
        return {"question": question.show_if.question.key, "value": question.show_if.value}


class QuestionnaireSerializer(serializers.ModelSerializer):
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    link = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "title",
            "purpose",
            "programme",
            "programme_name",
            "event",
            "before",
            "opens_on",
            "closes_on",
            "include_about_you",
            "ask_year_group",
            "ask_match_code",
            "link",
            "version",
            "questions",
        ]

    def _current(self, questionnaire):
        versions = list(questionnaire.versions.all())
        return versions[-1] if versions else None

    def get_link(self, questionnaire) -> str:
        url = reverse("surveys:respond", kwargs={"token": questionnaire.token})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_version(self, questionnaire) -> int | None:
        current = self._current(questionnaire)
        return current.number if current else None

    @extend_schema_field(QuestionSerializer(many=True, allow_null=True))
    def get_questions(self, questionnaire):
        if not self.context.get("with_questions"):
            return None
        current = self._current(questionnaire)
        questions = (
            current.questions.select_related("goal", "section", "show_if__question")
            .prefetch_related("options")
            .order_by("section__position", "position", "pk")
        )
        return QuestionSerializer(questions, many=True).data


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="question.key")
    option = serializers.CharField(source="option.value", default=None, allow_null=True)

    class Meta:
        model = Answer
        fields = ["question", "option", "number", "text"]


class ResponseSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = ["id", "questionnaire", "version", "event", "via", "submitted_at", "answers"]


class SubmissionSerializer(serializers.Serializer):
    """A response sent with the questionnaire's public token."""

    token = serializers.CharField(max_length=40)
    client_id = serializers.UUIDField()
    answers = serializers.DictField(
        child=serializers.JSONField(), help_text="Question key to a value, or a list of values."
    )
    about_you = serializers.DictField(child=serializers.CharField(), required=False)
    match_code = serializers.CharField(max_length=12, required=False, allow_blank=True)

    def as_form_data(self):
        data = {}
        for key, value in self.validated_data["answers"].items():
            data[f"q_{key}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
        for key, value in self.validated_data.get("about_you", {}).items():
            data[f"about_{key}"] = value
        if self.validated_data.get("match_code"):
            data["match_code"] = self.validated_data["match_code"]
        return data
