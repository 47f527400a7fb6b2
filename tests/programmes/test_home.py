from django.urls import reverse


def test_a_delivery_partner_sees_their_programmes_and_a_log_link_at_home(
    client, partner, programme
):
    client.force_login(partner)
    page = client.get(reverse("home")).content.decode()
    assert "Your programmes" in page
    assert "We Want You" in page
    assert reverse("programmes:event_start") in page


def test_a_workforce_lead_sees_their_areas_programmes_at_home(client, lead, programme):
    client.force_login(lead)
    page = client.get(reverse("home")).content.decode()
    assert "We Want You" in page


def test_a_careers_lead_has_no_programmes_section(client, careers, programme):
    client.force_login(careers)
    assert "Your programmes" not in client.get(reverse("home")).content.decode()
