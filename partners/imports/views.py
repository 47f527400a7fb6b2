"""Administrators upload a file, see what would change (a dry run), then confirm.

The upload is parked in MEDIA_ROOT/imports under a random name held in the session, so
the confirmation imports exactly the file that was previewed and nobody else's."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from outreach.accounts.access import RoleRequiredMixin
from outreach.accounts.roles import Role

from .csvfile import FileRejected
from .forms import ImdImportForm, SchoolImportForm
from .imd import imd_import
from .schools import read_area_map, schools_import

PREVIEW_ROWS = 200


def _park(upload) -> str:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(16)
    with open(folder / token, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return token


def _parked(token: str | None) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = Path(settings.MEDIA_ROOT) / "imports" / token
    return path if path.exists() else None


class _ImportView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.ADMINISTRATOR})
    form_class = None
    template_name = ""
    session_key = ""
    title = ""

    def run(self, files: dict[str, bytes], dry_run: bool):
        raise NotImplementedError

    def render(self, request, **context):
        context.setdefault("form", self.form_class())
        context.update(title=self.title, breadcrumbs=[("Home", reverse("home"))])
        return render(request, self.template_name, context)

    def get(self, request):
        return self.render(request)

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form=form)
        tokens = {name: _park(upload) for name, upload in request.FILES.items()}
        try:
            report = self.run(self._read(tokens), dry_run=True)
        except FileRejected as exc:
            self._discard(tokens)
            form.add_error("extract", str(exc))
            return self.render(request, form=form)
        request.session[self.session_key] = tokens
        return self.render(
            request, form=form, report=report, preview=report.rejected[:PREVIEW_ROWS]
        )

    def confirm(self, request):
        tokens = request.session.pop(self.session_key, None) or {}
        if not tokens or any(_parked(t) is None for t in tokens.values()):
            messages.error(request, "That upload has expired. Upload the file again.")
            return redirect(request.path)
        try:
            report = self.run(self._read(tokens), dry_run=False)
        except FileRejected as exc:
            messages.error(request, f"Nothing was imported: {exc}")
            return redirect(request.path)
        finally:
            self._discard(tokens)
        messages.success(request, f"Import finished. {report.summary()}")
        return self.render(request, done=report, preview=report.rejected[:PREVIEW_ROWS])

    @staticmethod
    def _read(tokens):
        return {name: _parked(token).read_bytes() for name, token in tokens.items()}

    @staticmethod
    def _discard(tokens):
        for token in tokens.values():
            path = _parked(token)
            if path:
                path.unlink(missing_ok=True)


class SchoolImportView(_ImportView):
    form_class = SchoolImportForm
    template_name = "partners/imports/schools.html"
    session_key = "school_import"
    title = "Import schools"

    def run(self, files, dry_run):
        area_map = read_area_map(files["area_map"]) if "area_map" in files else None
        return schools_import(raw=files["extract"], area_map=area_map, dry_run=dry_run)


class ImdImportView(_ImportView):
    form_class = ImdImportForm
    template_name = "partners/imports/schools.html"
    session_key = "imd_import"
    title = "Import IMD deciles"

    def run(self, files, dry_run):
        return imd_import(raw=files["extract"], dry_run=dry_run)
