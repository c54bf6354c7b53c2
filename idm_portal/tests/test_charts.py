from xml.etree import ElementTree

import pytest

from common.charts import CHAR_WIDTH, LABEL_FONT_SIZE, horizontal_bar_svg, integer_ticks

SVG = "{http://www.w3.org/2000/svg}"

# IC/2010/5's March workshop: 225 registered, 154 government delegates among them.
ATTENDANCE = [("Government", 154), ("International organizations", 35), ("Other", 10)]


def value_axis_labels(svg: str) -> list[tuple[float, str]]:
    """(x, text) of each tick label under the bars, left to right."""
    tree = ElementTree.fromstring(svg)
    axis = next(g for g in tree.iter(f"{SVG}g") if g.get("class", "").startswith("axis x"))
    return sorted((float(text.get("x")), text.text) for text in axis.iter(f"{SVG}text"))


@pytest.mark.parametrize(
    ("maximum", "max_ticks", "ticks"),
    [
        (3, 6, [0, 1, 2, 3]),
        (1, 6, [0, 1]),
        (0, 6, [0, 1]),
        (154, 6, [0, 50, 100, 150, 200]),
        (154, 3, [0, 100, 200]),
        (7, 3, [0, 5, 10]),
    ],
)
def test_integer_ticks_are_whole_numbers_from_zero_past_the_maximum(maximum, max_ticks, ticks):
    assert integer_ticks(maximum, max_ticks=max_ticks) == ticks


@pytest.mark.parametrize(
    "rows",
    [
        ATTENDANCE,
        [("The future of migration", 3), ("Migration and human security", 1)],
        [("Government", 120), ("Media", 2)],
    ],
)
def test_value_axis_labels_are_integers_that_do_not_overlap(rows):
    labels = value_axis_labels(horizontal_bar_svg(rows=rows, series="Votes"))

    assert [text for _x, text in labels] == [str(int(text)) for _x, text in labels]
    assert int(labels[-1][1]) >= max(value for _label, value in rows)
    # Each label is centred on its tick; neighbours leave room for both half-widths.
    for (x, text), (next_x, next_text) in zip(labels, labels[1:], strict=False):
        assert next_x - x > (len(text) + len(next_text)) / 2 * CHAR_WIDTH, labels


def test_labels_stay_readable_when_a_phone_shrinks_the_chart():
    svg = horizontal_bar_svg(rows=ATTENDANCE, series="Attended")
    tree = ElementTree.fromstring(svg)
    width = float(tree.get("viewBox").split()[2])
    phone_content_width = 390 - 2 * 16  # Bootstrap's container padding

    # Shrunk to the phone's width, a label is still at least 11 CSS pixels high.
    assert LABEL_FONT_SIZE * phone_content_width / width >= 11
