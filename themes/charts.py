"""The tally chart of a consultation."""

from django.utils.translation import gettext as _

from common.charts import horizontal_bar_svg

from .models import Proposal


def tally_chart_svg(*, tally: list[Proposal]) -> str:
    """A bar per proposal, the leading one on top as in the table beside it."""
    return horizontal_bar_svg(
        rows=[(proposal.title, proposal.vote_count) for proposal in tally],
        series=_("Votes"),
        title=_("Votes per proposal"),
    )
