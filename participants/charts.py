"""The attendance chart of a meeting or a year."""

from django.utils.translation import gettext as _

from common.charts import horizontal_bar_svg


def attendance_chart_svg(by_category: list[tuple[str, str, int]], *, title: str = "") -> str:
    """A bar per category (value, label, count), in the order given."""
    return horizontal_bar_svg(
        rows=[(label, count) for _value, label, count in by_category],
        series=_("Attended"),
        title=title or None,
        axis_title=_("Participants who attended"),
    )
