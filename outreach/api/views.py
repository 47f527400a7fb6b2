from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from outreach.accounts.scope import scope_for


@extend_schema(
    responses=inline_serializer(
        "Me",
        {
            "email": serializers.EmailField(),
            "full_name": serializers.CharField(),
            "roles": serializers.ListField(child=serializers.CharField()),
            "memberships": serializers.ListField(child=serializers.DictField()),
        },
    )
)
@api_view(["GET"])
def me(request):
    """The signed-in user, their roles and memberships."""
    user = request.user
    memberships = user.memberships.select_related("organisation").order_by("role")
    return Response(
        {
            "email": user.email,
            "full_name": user.full_name,
            "roles": sorted(scope_for(user).roles),
            "memberships": [
                {
                    "role": m.role,
                    "organisation": {"id": m.organisation_id, "name": m.organisation.name},
                }
                for m in memberships
            ],
        }
    )
