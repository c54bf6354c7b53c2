"""The tally chart: an SVG drawn on the server with pygal, shown as an image."""

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from .models import Proposal

# Bootstrap's primary blue and a legible font at the size the page shows it.
TALLY_STYLE = Style(
    background="white",
    plot_background="white",
    colors=("#0d6efd",),
    font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif",
    title_font_size=22,
    label_font_size=16,
    major_label_font_size=16,
    value_font_size=18,
)


def tally_chart_svg(*, tally: list[Proposal]) -> str:
    chart = pygal.HorizontalBar(
        js=[],  # pygal's interactive script would come from a CDN; the image needs none
        show_legend=False,
        print_values=True,
        width=800,
        height=120 + 60 * len(tally),
        title=_("Votes per proposal"),
        truncate_label=-1,
        style=TALLY_STYLE,
        print_values_position="top",
    )
    # A horizontal bar chart draws its first label at the bottom: reverse so the
    # leading proposal is on top, as in the table beside it.
    rows = list(reversed(tally))
    chart.x_labels = [proposal.title for proposal in rows]
    chart.add(_("Votes"), [proposal.vote_count for proposal in rows])
    return chart.render(is_unicode=True)
