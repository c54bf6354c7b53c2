"""Bar charts as SVG drawn on the server by pygal: pages and PDFs show the same picture."""

from xml.etree import ElementTree

import pygal
from pygal.etree import etree as pygal_etree
from pygal.style import Style

# pygal builds its tree with lxml whenever lxml is importable (python-docx brings it):
# the charts are serialized here with the standard library, so they are built with it too,
# and draw the same whatever else is installed.
pygal_etree.to_etree()

LABEL_FONT_SIZE = 18
# A tick label's width, by pygal's own estimate of a glyph, plus a gap between labels.
CHAR_WIDTH = 0.6 * LABEL_FONT_SIZE
TICK_GAP = 2 * LABEL_FONT_SIZE

# Bootstrap's primary blue; fonts that the PDFs embed too.
PORTAL_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd",),
    font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif",
    # Large enough to stay readable when a phone shrinks the chart to its width.
    label_font_size=LABEL_FONT_SIZE,
    major_label_font_size=LABEL_FONT_SIZE,
    value_font_size=LABEL_FONT_SIZE,
    title_font_size=LABEL_FONT_SIZE + 2,
)

# Steps between ticks that read well: 1, 2, 5, 10, 20, 50…
NICE_STEPS = (1, 2, 5)


def integer_ticks(maximum: int, *, max_ticks: int) -> list[int]:
    """Whole-number ticks from 0 past `maximum`, at most `max_ticks` of them: counts
    of people or votes have no fractions, and fewer ticks leave room for each label."""
    magnitude = 1
    while True:
        for nice in NICE_STEPS:
            step = nice * magnitude
            top = -(-max(maximum, 1) // step) * step  # the first step at or above maximum
            if top // step + 1 <= max_ticks:
                return list(range(0, top + 1, step))
        magnitude *= 10


def horizontal_bar_svg(
    *,
    rows: list[tuple[str, int]],
    series: str,
    title: str | None = None,
    axis_title: str | None = None,
    width: int = 560,
) -> str:
    """One bar per (label, value) row, first row on top, each value printed on its bar.

    Scripts are left out: pygal links its tooltip script from the web and adds
    an inline configuration script; the portal loads nothing from outside and
    neither an image nor a PDF has any use for them.
    """
    chart = pygal.HorizontalBar(
        style=PORTAL_STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        truncate_label=-1,
        width=width,
        height=80 + 48 * len(rows) + (36 if title else 0),
        title=title,
        x_title=axis_title,
        explicit_size=False,
    )
    values = [value for _label, value in rows]
    ticks = integer_ticks(max(values, default=0), max_ticks=_ticks_that_fit(rows, width))
    chart.y_labels = ticks
    chart.range = (0, ticks[-1])
    # pygal draws the first label at the bottom.
    bottom_up = list(reversed(rows))
    chart.x_labels = [str(label) for label, _value in bottom_up]
    chart.add(series, [value for _label, value in bottom_up])
    tree = chart.render_tree()
    for defs in tree.iter("defs"):
        for script in defs.findall("script"):
            defs.remove(script)
    return ElementTree.tostring(tree, encoding="unicode")


def _ticks_that_fit(rows: list[tuple[str, int]], width: int) -> int:
    """How many value labels fit side by side under the bars, which start where the
    longest row label ends (pygal gives the row labels what they need)."""
    label_width = max((len(str(label)) for label, _value in rows), default=0) * CHAR_WIDTH
    plot_width = max(width - label_width - 40, 0)
    widest_tick = len(str(max((value for _label, value in rows), default=0))) + 1
    return max(2, int(plot_width // (widest_tick * CHAR_WIDTH + TICK_GAP)) + 1)
