"""The postcode → IMD quintile lookup an administrator uploads, from which a participant's
IMD quintile is worked out when the delivering organisation leaves it empty."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from outreach.accounts.access import access
from outreach.accounts.roles import Role
from outreach.uploads import CSV, ImportFileField
from partners.imports.csvfile import FileRejected, read_rows

from ..models import ImdPostcode
from ..services.participants import imd_lookup_load
from ._helpers import crumbs


class ImdLookupForm(forms.Form):
    file = ImportFileField(
        kinds=(CSV,),
        label="Lookup file (CSV)",
        help_text="Two columns headed postcode and imd_quintile (1 = most deprived). "
        "The upload replaces the whole lookup; one bad row changes nothing.",
    )


@access({Role.ADMINISTRATOR})
def imd_lookup(request):
    form = ImdLookupForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = [
                (cells.get("postcode", ""), cells.get("imd_quintile", ""))
                for _, cells, _ in read_rows(upload.read(), required=["postcode", "imd_quintile"])
            ]
            count = imd_lookup_load(rows=rows)
        except FileRejected as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error("file", "The file has rows that cannot be used. Nothing was saved.")
            errors = exc.messages[:50]
        else:
            messages.success(request, f"Lookup replaced: {count:,} postcodes.")
            return redirect("programmes:imd_lookup")
    return render(
        request,
        "programmes/participants/imd_lookup.html",
        {
            "form": form,
            "errors": errors,
            "count": ImdPostcode.objects.count(),
            "breadcrumbs": crumbs(),
        },
    )
