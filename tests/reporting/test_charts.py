"""The SVG bar chart shared by screen and PDF."""

import xml.etree.ElementTree as ET

import pytest

from reporting.document import Chart, Series, Suppressed
from reporting.render.charts import PALETTE, chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def _parse(chart):
    return ET.fromstring(str(chart_svg(chart)))


def _texts(root):
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_chart_is_well_formed_accessible_svg():
    root = _parse(
        Chart(
            title="Events by term",
            categories=["Autumn", "Spring"],
            series=[Series("Planned", [140, 160]), Series("Delivered", [1310, 17])],
            unit="events",
        )
    )
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Events by term"
    assert root.find(f"{SVG}title").text == "Events by term"
    texts = _texts(root)
    assert {"Autumn", "Spring", "140", "1,310", "Planned", "Delivered", "events"} <= set(texts)
    fills = {rect.get("fill") for rect in root.iter(f"{SVG}rect")}
    assert {PALETTE[0], PALETTE[1]} <= fills
    assert root.get("style") is None
    assert not any(element.get("style") for element in root.iter())


def test_chart_escapes_text():
    nasty = 'Schools <b>"&"</b>'
    chart = chart_svg(Chart(title=nasty, categories=[nasty], series=[Series(nasty, [1])]))
    assert "<b>" not in chart
    root = ET.fromstring(str(chart))
    assert root.get("aria-label") == nasty
    assert nasty in _texts(root)


def test_suppressed_and_missing_values_are_gaps_with_labels():
    root = _parse(
        Chart(
            title="Goals",
            categories=["Awareness", "Access", "Achievement"],
            series=[Series("Delivered", [10, Suppressed(), None])],
        )
    )
    assert len(root.findall(f"{SVG}rect")) == 1  # one bar; no legend for one series
    texts = _texts(root)
    assert "1 to 4" in texts
    assert "no data" in texts


@pytest.mark.parametrize(
    "chart",
    [
        Chart(title="Empty", categories=[], series=[]),
        Chart(title="Zeros", categories=["a"], series=[Series("s", [0])]),
        Chart(title="Short", categories=["a", "b"], series=[Series("s", [1])]),
        Chart(title="Negative", categories=["a", "b"], series=[Series("s", [-3.5, 2])]),
        Chart(title="Tiny", categories=["a"], series=[Series("s", [0.003])], unit="%"),
        Chart(
            title="Many",
            categories=["a very long category label " * 4],
            series=[Series(f"Series {n}", [n]) for n in range(7)],
        ),
    ],
    ids=lambda chart: chart.title,
)
def test_awkward_charts_still_draw(chart):
    root = _parse(chart)
    assert float(root.get("height")) > 0


def test_percent_unit_labels_values_with_percent():
    root = _parse(Chart(title="Share", categories=["a"], series=[Series("s", [52.5])], unit="%"))
    assert "52.5%" in _texts(root)
