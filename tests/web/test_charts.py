"""The insight page's charts: SVG images with a title and a description, one bar per number, text escaped."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from web.charts import PALETTE, Series, bar_chart, describe, format_value

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """The chart is well-formed XML: a broken escape would fail here."""
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "app-chart__bar"]


@pytest.mark.parametrize("vertical", [False, True])
def test_a_chart_is_an_image_labelled_by_its_title_and_description(vertical):
    svg = bar_chart("chart-teams", "Learning points by team", ["Team A", "Team B"], [Series("Total", (4, 1))], vertical=vertical)
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-teams-title chart-teams-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-teams-title"
    assert root.find(f"{SVG}title").text == "Learning points by team"
    assert root.find(f"{SVG}desc").get("id") == "chart-teams-desc"
    assert root.find(f"{SVG}desc").text == "Highest Team A at 4, lowest Team B at 1."


@pytest.mark.parametrize("vertical", [False, True])
def test_there_is_one_bar_for_each_row_and_series_sized_to_its_value(vertical):
    months = ["Jan 2026", "Feb 2026", "Mar 2026"]
    series = [Series("Positive feedback", (0, 2, 1)), Series("Complaints about our decision", (4, None, 2))]
    drawn = bars(parse(bar_chart("chart-volumes", "Feedback received", months, series, vertical=vertical)))
    assert len(drawn) == 6
    assert [rect.get("data-label") for rect in drawn[:2]] == [
        "Jan 2026, Positive feedback: 0",
        "Jan 2026, Complaints about our decision: 4",
    ]
    assert [rect.get("fill") for rect in drawn[:2]] == list(PALETTE[:2])
    size = "height" if vertical else "width"
    lengths = [float(rect.get(size)) for rect in drawn]
    assert lengths[0] == 0 and lengths[3] == 0  # a zero and a missing value have no length
    assert lengths[1] == max(lengths) == 2 * lengths[5]  # the longest bar is the largest value


def test_labels_typed_by_people_are_escaped():
    nasty = '<script>alert("x")</script> & Co\'s "team"'
    svg = bar_chart("chart-x", "Sections <b>", [nasty], [Series("Total & more", (3,))])
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Sections <b>"
    assert nasty in " ".join(element.text for element in root.iter(f"{SVG}text"))  # wrapped beside its bar
    assert bars(root)[0].get("data-label") == f"{nasty}, Total & more: 3"


def test_a_chart_has_no_scripts_styles_or_outside_resources():
    root = parse(bar_chart("chart-x", "T", ["a", "b"], [Series("One", (1, 2)), Series("Two", (3, 4))]))
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags == {"svg", "title", "desc", "rect", "text"}
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on") and name not in {"href", "style"}
            assert "url(" not in value and "http" not in value


def test_too_many_months_to_stand_upright_are_drawn_across():
    months = [f"Month {n}" for n in range(24)]
    root = parse(bar_chart("chart-m", "T", months, [Series("Total", tuple(range(24)))], vertical=True))
    assert all(float(rect.get("height")) == 20 for rect in bars(root))  # bars across are all the same height


def test_more_than_one_series_has_a_legend_and_each_value_names_its_series():
    root = parse(bar_chart("chart-x", "T", ["Ground"], [Series("Upheld", (2,)), Series("Not upheld", (1,))]))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert {"Upheld", "Not upheld", "Upheld: 2", "Not upheld: 1"} <= set(texts)


@pytest.mark.parametrize(
    ("categories", "series", "unit", "sentence"),
    [
        (["A"], [Series("S", (None,))], "count", "There are no figures to show."),
        (["A", "B"], [Series("S", (0, 0))], "count", "Every figure is 0."),
        (["Level 1"], [Series("Total", (Decimal("250.00"),))], "pounds", "Level 1 £250.00."),
        (
            ["Received", "With OAT"],
            [Series("Median", (42, 1)), Series("90th percentile", (101, None))],
            "days",
            "Median: highest Received at 42 days, lowest With OAT at 1 day; 90th percentile: Received 101 days.",
        ),
    ],
)
def test_the_description_sums_up_the_numbers_in_a_sentence(categories, series, unit, sentence):
    assert describe(categories, series, unit) == sentence


def test_values_read_as_people_write_them():
    assert format_value(1234) == "1,234"
    assert format_value(Decimal("2900.00"), "pounds") == "£2,900.00"
    assert format_value(Decimal("71.4"), "percent") == "71.4%"
    assert format_value(None) == "No data"
