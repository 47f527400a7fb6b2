from django.contrib import admin

from .models import (
    Ambassador,
    CommunityGroup,
    Contact,
    ICBArea,
    LocalAuthority,
    Organisation,
    YearGroup,
)


@admin.register(ICBArea)
class ICBAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "postcode", "urn"]
    list_filter = ["kind", "area"]
    search_fields = ["name", "postcode", "=urn"]
    list_select_related = ["area"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "area"]
    list_filter = ["area"]
    search_fields = ["name"]


@admin.register(YearGroup)
class YearGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]


@admin.register(CommunityGroup)
class CommunityGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "job_title", "is_key_contact"]
    search_fields = ["name", "email", "organisation__name"]
    list_select_related = ["organisation"]


@admin.register(Ambassador)
class AmbassadorAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "profession", "dbs_renewal_due", "is_active"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
