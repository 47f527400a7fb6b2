import ipaddress

from .context import audit_context


def _ip(request) -> str | None:
    # REMOTE_ADDR only: a forwarded-for header is the client's to write. Behind a proxy
    # the deployment sets REMOTE_ADDR from its trusted header.
    value = request.META.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _source(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "web"


def _request_id(request) -> str:
    return str(getattr(request, "request_id", "") or request.headers.get("X-Request-ID", ""))[:64]


class AuditContextMiddleware:
    """Opens an audit context for each request: its user (read when an entry is written,
    so API token authentication inside the view counts), source, IP and request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_context(
            actor=lambda: getattr(request, "user", None),
            source=_source(request.path_info),
            request_id=_request_id(request),
            ip_address=_ip(request),
        ):
            return self.get_response(request)
