"""A run's file as a download, for the page and the API alike."""

from django.http import FileResponse, Http404

from outreach.audit.services import record_access


def report_file_response(run, fmt: str) -> FileResponse:
    """The run's file in that format as an attachment; 404 when there is none, or when it
    was removed from storage (expired and purged between the page and the click)."""
    report_file = run.files.filter(format=fmt).first()
    if report_file is None:
        raise Http404
    try:
        handle = report_file.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record_access(run, kind="export", detail=f"{report_file.download_name}", rows=run.rows)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=report_file.download_name,
        content_type=report_file.content_type,
    )
