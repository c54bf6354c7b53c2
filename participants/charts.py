"""Attendance charts as SVG drawn by pygal, so that pages and PDFs show the same picture."""

from xml.etree import ElementTree

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

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


def attendance_chart_svg(by_category: list[tuple[str, str, int]], *, title: str = "") -> str:
    """A horizontal bar per category, its count printed on the bar.

    No JavaScript: pygal links its tooltip script from the web and adds an
    inline configuration script; the portal loads nothing from outside and a
    PDF has no use for either, so both are left out.
    """
    chart = pygal.HorizontalBar(
        style=PORTAL_STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        width=640,
        height=60 + 40 * len(by_category),
        title=title or None,
        x_title=_("Participants who attended"),
        explicit_size=False,
    )
    chart.x_labels = [str(label) for _value, label, _count in by_category]
    chart.add(_("Attended"), [count for _value, _label, count in by_category])
    tree = chart.render_tree()
    for defs in tree.iter("defs"):
        for script in defs.findall("script"):
            defs.remove(script)
    return ElementTree.tostring(tree, encoding="unicode")
