from rest_framework import serializers

from .models import ICBArea, Organisation


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
            "description",
        ]
