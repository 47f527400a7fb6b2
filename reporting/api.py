"""Report runs under /api/v1/reports/: start one, poll its status, list and download its
files, retry a failed one. The same services and scope rules as the pages."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from outreach.accounts.roles import Role
from outreach.accounts.scope import scope_for

from . import services
from .downloads import report_file_response
from .models import FileFormat, ReportKind, ReportRun
from .periods import Period, PeriodError
from .scope import ReportScope, ScopeKind

REPORTERS = frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})
MAX_ID = 2**63 - 1  # the largest primary key; beyond it the database would refuse the query


class Reporters(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and scope_for(request.user).has_any(REPORTERS)


class ReportFileSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FileFormat.choices)
    size = serializers.IntegerField()
    url = serializers.CharField()


class ReportRunSerializer(serializers.ModelSerializer):
    areas = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "kind",
            "scope_kind",
            "programme",
            "areas",
            "academic_year",
            "date_from",
            "date_to",
            "options",
            "status",
            "progress",
            "stage",
            "message",
            "attempts",
            "rows",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "files",
        ]
        read_only_fields = fields

    @extend_schema(responses=ReportFileSerializer(many=True))
    def get_files(self, run) -> list[dict]:
        request = self.context.get("request")
        found = []
        for report_file in run.files.all():
            url = reverse("report-run-file", args=[run.pk, report_file.format])
            found.append(
                {
                    "format": report_file.format,
                    "size": report_file.size,
                    "url": request.build_absolute_uri(url) if request else url,
                }
            )
        return found


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    scope = serializers.ChoiceField(choices=ScopeKind.choices)
    programme = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    areas = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, max_length=42
    )
    academic_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    quote_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=services.MAX_QUOTES,
    )

    def validate(self, data):
        kind = data["scope"]
        areas = data.get("areas") or []
        if kind == ScopeKind.PROGRAMME and not data.get("programme"):
            raise serializers.ValidationError({"programme": "Give the programme's id."})
        if kind == ScopeKind.AREA and len(set(areas)) != 1:
            raise serializers.ValidationError({"areas": "Give exactly one area id."})
        if kind == ScopeKind.AREAS and not areas:
            raise serializers.ValidationError({"areas": "Give one or more area ids."})
        year, start, end = data.get("academic_year"), data.get("date_from"), data.get("date_to")
        try:
            if year is not None and (start or end):
                raise PeriodError("Give an academic year or dates, not both.")
            if year is not None:
                data["period"] = Period.academic(year)
            elif start and end:
                data["period"] = Period.between(start, end)
            else:
                raise PeriodError("Give an academic year, or both date_from and date_to.")
        except PeriodError as exc:
            raise serializers.ValidationError({"period": str(exc)}) from None
        if kind == ScopeKind.PROGRAMME:
            data["report_scope"] = ReportScope(kind, programme_id=data["programme"])
        elif kind == ScopeKind.NATIONAL:
            data["report_scope"] = ReportScope.national()
        else:
            data["report_scope"] = ReportScope(kind, area_ids=tuple(areas))
        return data


class ReportRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportRunSerializer
    permission_classes = [Reporters]
    filterset_fields = ["kind", "status"]

    def get_queryset(self):
        return ReportRun.objects.for_user(self.request.user).prefetch_related("areas", "files")

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            202: ReportRunSerializer,
            400: OpenApiResponse(description="Invalid parameters"),
            403: OpenApiResponse(description="A scope you may not report on"),
        },
        description="Start a report run. The same parameters while a run is in flight "
        "return that run. Poll the run until its status is done, then download its files.",
    )
    def create(self, request):
        given = ReportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        options = {"quote_ids": data["quote_ids"]} if data.get("quote_ids") else {}
        try:
            run, _ = services.report_run_start(
                user=request.user,
                kind=data["kind"],
                scope=data["report_scope"],
                period=data["period"],
                options=options,
            )
        except services.ScopeNotAllowed:
            raise PermissionDenied from None
        except PeriodError as exc:
            raise serializers.ValidationError({"period": str(exc)}) from None
        run = self.get_queryset().get(pk=run.pk)
        return Response(
            self.get_serializer(run).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("report-run-detail", args=[run.pk])},
        )

    @extend_schema(request=None, responses={202: ReportRunSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        try:
            run = services.report_run_retry(user=request.user, run=self.get_object())
        except (services.ScopeNotAllowed, PeriodError):
            raise PermissionDenied from None
        run = self.get_queryset().get(pk=run.pk)
        return Response(self.get_serializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(description="The file")}
    )
    @action(detail=True, url_path=r"files/(?P<fmt>[a-z_]+)", url_name="file")
    def file(self, request, pk=None, fmt=None):
        return report_file_response(self.get_object(), fmt)


def register(router):
    router.register("reports", ReportRunViewSet, basename="report-run")
