"""Bulk import of participants: download the template, upload a CSV or XLSX, see every
row's problems, then confirm. Nothing is saved until the whole file is clean and
confirmed. The delivering organisation's delivery partners only: the file holds names."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from outreach.accounts.access import SIGNED_IN, access

from ..forms.participants import ParticipantImportForm
from ..models import ParticipantImport
from ..services import participant_imports as imports
from ._helpers import PAGE_SIZE
from .participants import DELIVERY, cohort_crumbs, named_cohort


@access(DELIVERY)
def upload(request, pk):
    cohort = named_cohort(request.user, pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = imports.import_check(
            cohort=cohort,
            user=request.user,
            file_name=form.cleaned_data["file"].name,
            rows=form.rows,
        )
        return redirect("programmes:participant_import", batch.pk)
    return render(
        request,
        "programmes/participants/import_upload.html",
        {
            "cohort": cohort,
            "form": form,
            "columns": imports.COLUMNS,
            "max_rows": imports.MAX_ROWS,
            "breadcrumbs": cohort_crumbs(cohort),
        },
    )


@access(DELIVERY)
def preview(request, pk):
    batch = get_object_or_404(
        ParticipantImport.objects.filter(uploaded_by=request.user).select_related("cohort"),
        pk=pk,
    )
    cohort = named_cohort(request.user, batch.cohort_id)
    if request.method == "POST" and not batch.confirmed:
        try:
            batch = imports.import_confirm(batch=batch, user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                f"Imported {batch.file_name}: {batch.created} new, {batch.updated} updated, "
                f"{batch.unchanged} unchanged.",
            )
        return redirect("programmes:participant_import", batch.pk)
    errors = Paginator(batch.errors, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/participants/import_preview.html",
        {
            "cohort": cohort,
            "batch": batch,
            "errors": errors,
            "page_obj": errors,
            "error_rows": len({row for row, _, _ in batch.errors}),
            "plan": imports.import_plan(batch) if not batch.errors else None,
            "breadcrumbs": cohort_crumbs(
                cohort,
                ("Upload participants", reverse("programmes:participant_upload", args=[cohort.pk])),
            ),
        },
    )


@access(SIGNED_IN)
def template_csv(request):
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="outreach-participants-template.csv"'
    return response


@access(SIGNED_IN)
def template_xlsx(request):
    response = HttpResponse(
        imports.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="outreach-participants-template.xlsx"'
    return response
