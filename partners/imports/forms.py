from django import forms

from outreach.uploads import CSV, ImportFileField


class UploadField(ImportFileField):
    """The reference-data imports read CSV only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kinds=(CSV,), **kwargs)


class SchoolImportForm(forms.Form):
    extract = UploadField(
        label="Schools extract (CSV)",
        help_text="The 'all establishments' CSV from Get Information About Schools, as "
        "downloaded. Extra columns are ignored.",
        error_messages={"required": "Choose the schools extract to upload"},
    )
    area_map = UploadField(
        label="Local authority to ICB area map (CSV, optional)",
        help_text="Two columns: local_authority,icb_area. Needed the first time, and when a "
        "local authority is new. Areas it names that do not exist yet are created.",
        required=False,
    )


class ImdImportForm(forms.Form):
    extract = UploadField(
        label="IMD deciles (CSV)",
        help_text="Two columns: URN and 'IMD decile' (1 to 10), or URN and 'IMD rank'.",
        error_messages={"required": "Choose the file to upload"},
    )
