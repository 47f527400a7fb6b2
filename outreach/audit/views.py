from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from outreach.accounts.access import ADMIN, access
from outreach.pagination import page_for

from . import exports, selectors
from .filters import AuditFilter
from .services import record_access

PAGE_SIZE = 50


@access(ADMIN)
def entry_list(request):
    filterset = AuditFilter(request.GET, queryset=selectors.AuditEntry.objects.all())
    entries = selectors.entries_for_admin(filterset) if filterset.is_valid() else None
    page = None
    if entries is not None:
        page = page_for(request, entries, PAGE_SIZE)
    rows = [
        {
            "entry": entry,
            "action": selectors.action_label(entry),
            "record_type": selectors.record_type(entry),
            "changes": selectors.readable_changes(entry),
        }
        for entry in (page.object_list if page else [])
    ]
    return render(
        request,
        "audit/list.html",
        {"filter": filterset, "page_obj": page, "rows": rows},
        status=200 if filterset.is_valid() else 400,
    )


@access(ADMIN)
def entry_export(request):
    filterset = AuditFilter(request.GET, queryset=selectors.AuditEntry.objects.all())
    if not filterset.is_valid():
        return entry_list(request)
    entries = selectors.entries_for_admin(filterset)
    described = ", ".join(
        f"{name}={value}" for name, value in filterset.form.cleaned_data.items() if value
    )
    logged = record_access(
        None,
        kind="export",
        detail=f"Audit trail as CSV ({described or 'everything'})",
        rows=entries.count(),
    )
    response = StreamingHttpResponse(
        exports.csv_chunks(entries.exclude(pk=logged.pk)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="outreach-audit-trail-{stamp}.csv"'
    return response
