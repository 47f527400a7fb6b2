"""Bulk logging: download the template, upload a CSV or XLSX, see every row's problems,
then confirm. Nothing is saved until the whole file is clean and confirmed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from outreach.accounts.access import SIGNED_IN, access

from .. import spreadsheets
from ..forms.imports import MAX_ROWS, ImportForm
from ..models import EventImport, ImportStatus, Programme
from ..services.imports import import_check, import_confirm, import_plan
from ._helpers import LOGGERS, PAGE_SIZE, programme_crumbs, visible_programme


def _loggable(user, pk) -> Programme:
    programme = visible_programme(user, pk)
    if not Programme.objects.loggable_by(user).filter(pk=programme.pk).exists():
        raise PermissionDenied
    return programme


@access(LOGGERS)
def upload(request, pk):
    programme = _loggable(request.user, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        event_import = import_check(
            programme=programme,
            user=request.user,
            file_name=form.cleaned_data["file"].name,
            rows=form.rows,
        )
        return redirect("programmes:import", event_import.pk)
    return render(
        request,
        "programmes/import_upload.html",
        {
            "programme": programme,
            "form": form,
            "columns": spreadsheets.columns(),
            "max_rows": MAX_ROWS,
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@access(LOGGERS)
def preview(request, pk):
    event_import = get_object_or_404(
        EventImport.objects.for_user(request.user).select_related("programme"), pk=pk
    )
    programme = _loggable(request.user, event_import.programme_id)
    if request.method == "POST" and event_import.status == ImportStatus.PREVIEWED:
        try:
            event_import = import_confirm(event_import=event_import, user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                f"Imported {event_import.file_name}: {event_import.created} new, "
                f"{event_import.updated} updated, {event_import.unchanged} unchanged.",
            )
        return redirect("programmes:import", event_import.pk)
    errors = Paginator(event_import.errors, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/import_preview.html",
        {
            "programme": programme,
            "event_import": event_import,
            "errors": errors,
            "page_obj": errors,
            "error_rows": len({row for row, _, _ in event_import.errors}),
            "plan": import_plan(event_import) if not event_import.errors else None,
            "breadcrumbs": programme_crumbs(
                programme,
                ("Upload events", reverse("programmes:import_upload", args=[programme.pk])),
            ),
        },
    )


@access(SIGNED_IN)
def template_csv(request):
    response = HttpResponse(spreadsheets.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="outreach-events-template.csv"'
    return response


@access(SIGNED_IN)
def template_xlsx(request):
    response = HttpResponse(
        spreadsheets.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="outreach-events-template.xlsx"'
    return response
