from django import forms

from outreach.uploads import ImportFileField, max_rows

from ..spreadsheets import SpreadsheetError, read_rows

MAX_ROWS = 20_000


class ImportForm(forms.Form):
    file = ImportFileField(
        label="Upload a spreadsheet of events",
        help_text="A CSV (UTF-8) or Excel workbook (.xlsx) with the template's columns.",
        error_messages={"required": "Choose a CSV or Excel file to upload."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.rows = read_rows(upload, max_rows=max_rows(MAX_ROWS))
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
