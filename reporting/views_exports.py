"""The administrators' export page: choose an export, a scope and dates, and download
it as CSV at once (streamed, so the size does not matter) or have it built as XLSX in
the background (a report run, kept under Reports)."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render

from outreach.accounts.access import access
from outreach.accounts.roles import Role
from outreach.audit.services import record_access

from . import services
from .exports import EXPORTS
from .exports.csv_stream import csv_chunks
from .forms_exports import ExportForm

ADMINISTRATORS = {Role.ADMINISTRATOR}
logger = logging.getLogger("outreach.exports")


def _page(request, form, status=200):
    return render(request, "reporting/exports.html", {"form": form}, status=status)


def filename(export, period, extension="csv") -> str:
    return f"outreach-{export.slug}-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.{extension}"


@access(ADMINISTRATORS)
def exports(request):
    return _page(request, ExportForm())


@access(ADMINISTRATORS)
def export_download(request):
    # POST, so that the XLSX button (which creates a run) carries its CSRF token in the
    # body; a plain GET shows the form.
    form = ExportForm(request.POST or None)
    if not form.is_valid():
        return _page(request, form)
    export = EXPORTS[form.cleaned_data["export"]]
    period = form.cleaned_data["period"]
    if request.POST.get("format") == "xlsx":
        try:
            run, _ = services.report_run_start(
                user=request.user,
                kind=form.cleaned_data["export"],
                scope=form.cleaned_data["report_scope"],
                period=period,
            )
        except services.ScopeNotAllowed:
            raise PermissionDenied from None
        return redirect("reporting:run_detail", run.pk)
    # Who took which data out, and when (the XLSX path keeps a run row instead).
    logger.info(
        "export streamed: user=%s kind=%s scope=%s areas=%s period=%s..%s",
        request.user.pk,
        export.kind,
        form.cleaned_data["report_scope"].kind,
        list(form.cleaned_data["report_scope"].area_ids),
        period.start,
        period.end,
    )
    scope = form.cleaned_data["report_scope"]
    record_access(
        None,
        kind="export",
        detail=(
            f"{export.kind} export, {scope.kind} {sorted(scope.area_ids)}, "
            f"{period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}, streamed as CSV"
        ),
    )
    response = StreamingHttpResponse(
        csv_chunks(export, scope=form.cleaned_data["report_scope"], period=period),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(export, period)}"'
    return response
