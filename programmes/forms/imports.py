from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from ..spreadsheets import SpreadsheetError, read_rows

MAX_ROWS = 20_000


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet of events",
        help_text="A CSV (UTF-8) or Excel workbook (.xlsx) with the template's columns.",
        error_messages={"required": "Choose a CSV or Excel file to upload."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the largest you can upload is "
                f"{filesizeformat(limit)}. Split it into smaller files."
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV (.csv) or Excel workbook (.xlsx).")
        try:
            self.rows = read_rows(upload, max_rows=MAX_ROWS)
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
