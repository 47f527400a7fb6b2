"""API representations. Writes are validated here for shape only; the rules live in the
services, whose ValidationErrors come back as 400s with fields."""

from rest_framework import serializers

from partners.models import Ambassador, CommunityGroup, ICBArea, Organisation, YearGroup

from ..models import (
    DEMOGRAPHICS,
    ActivityType,
    AnnualPlan,
    Barrier,
    BarrierAction,
    DeliveryMode,
    GatsbyBenchmark,
    Goal,
    PlannedActivity,
    Programme,
    ProgrammePartner,
    ProgrammeTarget,
    TargetGroup,
)


def _code(model, **kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all(), **kwargs)


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "code", "name", "description"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "code", "name", "category"]


class ActivityTypeSerializer(serializers.ModelSerializer):
    goals = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ActivityType
        fields = ["id", "code", "name", "goals"]


class GatsbyBenchmarkSerializer(serializers.ModelSerializer):
    class Meta:
        model = GatsbyBenchmark
        fields = ["id", "number", "name", "description"]


class PartnerSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ProgrammePartner
        fields = ["organisation", "organisation_name", "role"]


class ProgrammeSerializer(serializers.ModelSerializer):
    goals = _code(Goal, many=True, required=False)
    target_groups = _code(TargetGroup, many=True, required=False)
    target_schools = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.none(), required=False
    )
    partners = PartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "area",
            "lead_organisation",
            "description",
            "starts_on",
            "ends_on",
            "funding_sources",
            "cost",
            "goals",
            "target_groups",
            "target_schools",
            "partners",
        ]
        validators = []  # the service checks the model's own rules

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        user = request.user
        self.fields["area"].queryset = ICBArea.objects.managed_by(user)
        self.fields["lead_organisation"].queryset = Organisation.objects.for_user(user)
        self.fields["target_schools"].child_relation.queryset = Organisation.objects.for_user(
            user
        ).schools()


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeTarget
        fields = ["id", "programme", "measure", "value", "academic_year", "notes"]
        validators = []


class PlannedActivitySerializer(serializers.ModelSerializer):
    goal = _code(Goal)
    target_group = _code(TargetGroup)
    activity_type = _code(ActivityType)

    class Meta:
        model = PlannedActivity
        fields = [
            "id",
            "plan",
            "goal",
            "target_group",
            "activity_type",
            "term",
            "quantity",
            "delivered_by",
            "notes",
        ]


class AnnualPlanSerializer(serializers.ModelSerializer):
    year_label = serializers.CharField(read_only=True)

    class Meta:
        model = AnnualPlan
        fields = ["id", "programme", "academic_year", "year_label", "notes"]
        validators = []


class YearGroupCountSerializer(serializers.Serializer):
    year_group = _code(YearGroup)
    participants = serializers.IntegerField(allow_null=True, required=False)


class DemographicSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=sorted({d for d, _, _ in DEMOGRAPHICS}))
    category = serializers.CharField(max_length=12)
    count = serializers.IntegerField()


class AmbassadorHoursSerializer(serializers.Serializer):
    ambassador = serializers.PrimaryKeyRelatedField(queryset=Ambassador.objects.none())
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    attribution = serializers.CharField(allow_blank=True)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.none())
    activity_type = _code(ActivityType)
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    start_time = serializers.TimeField(allow_null=True, required=False)
    end_time = serializers.TimeField(allow_null=True, required=False)
    academic_year = serializers.IntegerField(read_only=True)
    term = serializers.CharField(read_only=True)
    school = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(), allow_null=True, required=False
    )
    setting_name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    setting_postcode = serializers.CharField(max_length=8, allow_blank=True, required=False)
    delivery_mode = serializers.ChoiceField(
        choices=DeliveryMode.choices, default=DeliveryMode.IN_PERSON
    )
    delivering_organisations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all()
    )
    goals = _code(Goal, many=True)
    goal_reason = serializers.CharField(max_length=255, allow_blank=True, required=False)
    gatsby_benchmarks = serializers.SlugRelatedField(
        slug_field="number", many=True, queryset=GatsbyBenchmark.objects.all(), required=False
    )
    participants = serializers.IntegerField()
    year_groups = YearGroupCountSerializer(many=True, required=False)
    is_repeat_visit = serializers.BooleanField(required=False, default=False)
    parents_reached = serializers.IntegerField(required=False, default=0)
    demographics = DemographicSerializer(many=True, required=False)
    ambassadors = AmbassadorHoursSerializer(many=True, required=False, source="ambassador_hours")
    notes = serializers.CharField(allow_blank=True, required=False)
    external_reference = serializers.CharField(max_length=100, allow_blank=True, required=False)
    quotes = QuoteSerializer(many=True, required=False)
    created_at = serializers.DateTimeField(read_only=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        user = request.user
        self.fields["programme"].queryset = Programme.objects.for_user(user)
        self.fields["school"].queryset = Organisation.objects.for_user(user).schools()
        self.fields["ambassadors"].child.fields[
            "ambassador"
        ].queryset = Ambassador.objects.for_user(user)

    def to_representation(self, event):
        return {
            "id": event.pk,
            "programme": event.programme_id,
            "activity_type": event.activity_type.code,
            "title": event.title,
            "date": event.date.isoformat(),
            "start_time": event.start_time.isoformat() if event.start_time else None,
            "end_time": event.end_time.isoformat() if event.end_time else None,
            "academic_year": event.academic_year,
            "term": event.term,
            "school": event.school_id,
            "setting_name": event.setting_name,
            "setting_postcode": event.setting_postcode,
            "delivery_mode": event.delivery_mode,
            "delivering_organisations": [o.pk for o in event.delivering_organisations.all()],
            "goals": [g.code for g in event.goals.all()],
            "goal_reason": event.goal_reason,
            "gatsby_benchmarks": [b.number for b in event.gatsby_benchmarks.all()],
            "participants": event.participants,
            "year_groups": [
                {"year_group": row.year_group.code, "participants": row.participants}
                for row in event.year_groups.all()
            ],
            "is_repeat_visit": event.is_repeat_visit,
            "parents_reached": event.parents_reached,
            "demographics": [
                {"dimension": d.dimension, "category": d.category, "count": d.count}
                for d in event.demographics.all()
            ],
            "ambassadors": [
                {"ambassador": row.ambassador_id, "hours": str(row.hours)}
                for row in event.ambassador_hours.all()
            ],
            "notes": event.notes,
            "external_reference": event.external_reference,
            "quotes": [{"text": q.text, "attribution": q.attribution} for q in event.quotes.all()],
            "created_at": event.created_at.isoformat(),
        }


class BarrierSerializer(serializers.ModelSerializer):
    group = _code(CommunityGroup)

    class Meta:
        model = Barrier
        fields = ["id", "programme", "group", "title", "description"]


class BarrierActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = BarrierAction
        fields = [
            "id",
            "barrier",
            "category",
            "description",
            "owner",
            "status",
            "implement_by",
            "review_on",
            "assess_on",
        ]
        validators = []
