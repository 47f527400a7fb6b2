from rest_framework import serializers

from .models import Ambassador, Contact, ICBArea, Organisation, YearGroup


class ICBAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ICBArea
        fields = ["id", "name", "code", "region"]


class OrganisationSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "area",
            "area_name",
            "address",
            "postcode",
            "website",
            "email",
            "phone",
            "description",
            "groups_served",
            "urn",
            "phase",
            "establishment_type",
            "local_authority",
            "number_of_pupils",
            "percentage_fsm",
            "imd_decile",
            "is_open",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        # Uniqueness and model validation run in the service (full_clean).
        validators = []
        extra_kwargs = {"urn": {"validators": []}, "groups_served": {"required": False}}


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = [
            "id",
            "organisation",
            "name",
            "job_title",
            "email",
            "phone",
            "preferred_contact",
            "accessibility_needs",
            "is_key_contact",
        ]
        validators = []


class AmbassadorSerializer(serializers.ModelSerializer):
    year_groups = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=YearGroup.objects.all(), required=False
    )
    safeguarding_due = serializers.DateField(read_only=True)

    class Meta:
        model = Ambassador
        fields = [
            "id",
            "organisation",
            "name",
            "email",
            "profession",
            "year_groups",
            "topics",
            "dbs_checked_on",
            "dbs_renewal_due",
            "safeguarding_trained_on",
            "safeguarding_due",
            "is_active",
        ]
        validators = []
