"""Templates are reference data administrators may edit here; questionnaires and their
responses have their own pages and appear here for support only (responses read-only)."""

from django.contrib import admin

from .models import Questionnaire, QuestionnaireTemplate, Response, Theme


@admin.register(QuestionnaireTemplate)
class QuestionnaireTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "purpose", "position"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "purpose", "opens_on", "closes_on"]
    list_filter = ["purpose"]
    search_fields = ["title"]
    list_select_related = ["programme"]
    raw_id_fields = ["programme", "event", "before", "created_by"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "questionnaire", "via", "submitted_at"]
    list_filter = ["via"]
    list_select_related = ["questionnaire"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "questionnaire"]
    list_select_related = ["questionnaire"]
