"""Questionnaire resources under /api/v1/: questionnaires (read) with a results summary,
responses (list for staff; create with the public token, no account needed)."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as APIResponse

from . import services
from .models import Answer, Questionnaire, Response, Version, Via
from .selectors import ResultFilters, goal_comparison, question_results, theme_counts
from .serializers import QuestionnaireSerializer, ResponseSerializer, SubmissionSerializer


class Closed(exceptions.APIException):
    status_code = 410
    default_code = "closed"
    default_detail = "This questionnaire is closed."


class RateLimited(exceptions.APIException):
    status_code = 429
    default_code = "rate_limited"
    default_detail = "Too many submissions from this network. Please wait a minute and retry."

    def __init__(self):
        super().__init__()
        # DRF's handler turns `wait` into the Retry-After header.
        self.wait = services.submission_retry_after()


def _versions():
    return Prefetch("versions", queryset=Version.objects.order_by("number"))


class QuestionnaireViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = QuestionnaireSerializer
    filterset_fields = ["programme", "event", "purpose"]

    def get_queryset(self):
        return (
            Questionnaire.objects.for_user(self.request.user)
            .select_related("programme")
            .prefetch_related(_versions())
            .order_by("-created_at", "-pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["with_questions"] = self.action == "retrieve"
        return context

    @action(detail=True)
    def results(self, request, pk=None):
        """Counts per question (suppressed under 5), theme counts, and per-goal change
        against the paired 'before' questionnaire."""
        questionnaire = self.get_object()
        version = list(questionnaire.versions.all())[-1]
        filters = ResultFilters.from_query(request.query_params)
        questions = [
            {
                "key": r["question"].key,
                "text": r["question"].text,
                "kind": r["question"].kind,
                "goal": r["question"].goal.code if r["question"].goal_id else None,
                "respondents": r["respondents"],
                "answers": [
                    {"label": row["label"], "count": row["count"], "percent": row["percent"]}
                    for row in r["rows"]
                ],
                "average": round(r["number"]["mean"], 2) if r["number"] else None,
            }
            for r in question_results(questionnaire, version, filters)
        ]
        goals = [
            {
                "goal": row["goal"].code,
                "before_agree_percent": row["before"]["agree_percent"],
                "after_agree_percent": row["after"]["agree_percent"],
                "agree_shift": row["agree_shift"],
                "matched": row["matched"],
            }
            for row in goal_comparison(questionnaire)
        ]
        themes = [
            {"theme": t["theme"].name, "count": t["count"]}
            for t in theme_counts(questionnaire, filters)
        ]
        return APIResponse(
            {"version": version.number, "questions": questions, "themes": themes, "goals": goals}
        )


class ResponseFilter(django_filters.FilterSet):
    class Meta:
        model = Response
        fields = ["questionnaire", "event", "via"]


class ResponseViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = ResponseFilter

    def get_permissions(self):
        if self.action == "create":
            return [permissions.AllowAny()]
        return super().get_permissions()

    def get_authenticators(self):
        # Respondents have no account; a submission carries only the public token.
        if getattr(self, "action", None) == "create":
            return []
        return super().get_authenticators()

    def get_serializer_class(self):
        return SubmissionSerializer if self.action == "create" else ResponseSerializer

    def get_queryset(self):
        answers = Answer.objects.select_related("question", "option").order_by("pk")
        return (
            Response.objects.for_user(self.request.user)
            .select_related("version")
            .prefetch_related(Prefetch("answers", queryset=answers))
            .order_by("-submitted_at", "-pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = SubmissionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        questionnaire = get_object_or_404(Questionnaire, token=serializer.validated_data["token"])
        client_id = serializer.validated_data["client_id"]
        replay = questionnaire.responses.filter(client_id=client_id).exists()
        if not replay and not questionnaire.is_open(timezone.localdate()):
            raise Closed()
        address = request.META.get("REMOTE_ADDR", "")
        if not services.submission_allowed(questionnaire=questionnaire, address=address):
            raise RateLimited()
        try:
            response, created = services.response_submit(
                questionnaire=questionnaire,
                data=serializer.as_form_data(),
                client_id=client_id,
                via=Via.API,
            )
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else error.messages
            raise exceptions.ValidationError(detail) from None
        return APIResponse(
            {"id": str(response.client_id), "created": created},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def register(router):
    router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
    router.register("responses", ResponseViewSet, basename="response")
