import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Organisation

GOOD = (
    b"URN,EstablishmentName,LA (name),Postcode\r\n"
    b"115799,Cleeve School,Gloucestershire,GL52 8AE\r\n"
    b"abc,Broken,Gloucestershire,GL1 1AA\r\n"
)
MAP = b"local_authority,icb_area\r\nGloucestershire,NHS Gloucestershire ICB\r\n"


def upload(content, name="extract.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.parametrize("route", ["partner_imports:schools", "partner_imports:imd"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead", 403), ("partner", 403), ("careers", 403), ("administrator", 200)],
)
def test_only_administrators_import(client, request, route, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(route)).status_code == status


def test_preview_then_confirm_imports_exactly_the_previewed_file(client, administrator):
    client.force_login(administrator)
    url = reverse("partner_imports:schools")
    preview = client.post(url, {"extract": upload(GOOD), "area_map": upload(MAP, "map.csv")})
    body = preview.content.decode()
    assert "Check before you import" in body
    assert "URN &#x27;abc&#x27; is not a number" in body or "URN 'abc' is not a number" in body
    assert not Organisation.objects.filter(urn=115799).exists()
    done = client.post(url, {"confirm": "1"})
    assert done.status_code == 200
    assert Organisation.objects.filter(urn=115799).exists()
    # The parked file is gone: confirming again imports nothing more.
    again = client.post(url, {"confirm": "1"}, follow=True)
    assert "That upload has expired" in again.content.decode()


def test_a_file_that_is_not_csv_is_refused_beside_the_field(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("partner_imports:schools"),
        {"extract": upload(b"PK\x03\x04\x00\x00", "schools.xlsx")},
    )
    body = response.content.decode()
    assert "nhsuk-error-summary" in body
    assert "not a CSV file" in body
    assert not Organisation.objects.filter(urn__isnull=False).exists()


def test_an_oversized_file_is_refused(client, administrator, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10
    client.force_login(administrator)
    response = client.post(reverse("partner_imports:schools"), {"extract": upload(GOOD)})
    assert "the largest you can upload is" in response.content.decode()
