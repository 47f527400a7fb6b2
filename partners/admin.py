from django.contrib import admin

from .models import ICBArea, Organisation


@admin.register(ICBArea)
class ICBAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "postcode"]
    list_filter = ["kind", "area"]
    search_fields = ["name", "postcode"]
    list_select_related = ["area"]
