"""An administrator imports schools: upload, check the preview, confirm."""

from playwright.sync_api import expect

from partners.imports.synthetic import area_map_csv, extract_csv
from partners.models import Organisation

from .helpers import sign_in


def test_an_administrator_previews_and_confirms_a_school_import(
    page, axe, administrator, password, tmp_path
):
    extract = tmp_path / "edubase.csv"
    extract.write_bytes(
        extract_csv(40, local_authority_count=3) + b"notanumber,Broken row,x,Open\r\n"
    )
    area_map = tmp_path / "map.csv"
    area_map.write_bytes(area_map_csv(3, areas=2))

    sign_in(page, administrator.email, password)
    page.goto("/partners/import/schools/")
    axe(page, "import form")
    page.get_by_label("Schools extract (CSV)").set_input_files(str(extract))
    page.get_by_label("Local authority to ICB area map (CSV, optional)").set_input_files(
        str(area_map)
    )
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="Check before you import")).to_be_visible()
    assert page.get_by_role("cell", name="The row has fewer columns than the header").is_visible()
    axe(page, "import preview")
    assert not Organisation.objects.filter(urn__isnull=False).exists()

    page.get_by_role("button", name="Import 40 changes").click()
    expect(page.get_by_text("Import finished.")).to_be_visible()
    axe(page, "import done")
    assert Organisation.objects.filter(urn__isnull=False).count() == 40
