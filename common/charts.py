"""Bar charts as SVG drawn on the server by pygal: pages and PDFs show the same picture."""

from xml.etree import ElementTree

import pygal
from pygal.style import Style

# Bootstrap's primary blue; fonts that the PDFs embed too.
PORTAL_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd",),
    font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    title_font_size=15,
)


def horizontal_bar_svg(
    *,
    rows: list[tuple[str, int]],
    series: str,
    title: str | None = None,
    axis_title: str | None = None,
    width: int = 640,
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
        height=60 + 40 * len(rows) + (30 if title else 0),
        title=title,
        x_title=axis_title,
        explicit_size=False,
    )
    # pygal draws the first label at the bottom.
    bottom_up = list(reversed(rows))
    chart.x_labels = [str(label) for label, _value in bottom_up]
    chart.add(series, [value for _label, value in bottom_up])
    tree = chart.render_tree()
    for defs in tree.iter("defs"):
        for script in defs.findall("script"):
            defs.remove(script)
    return ElementTree.tostring(tree, encoding="unicode")
