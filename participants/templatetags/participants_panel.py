from django import template

from accounts.roles import focal_point_state, is_secretariat

from ..charts import attendance_chart_svg
from ..statistics import (
    attendance_by_category,
    attendance_figures,
    attendance_statement,
    meeting_subject,
)

register = template.Library()


@register.inclusion_tag("participants/_meeting_panel_body.html", takes_context=True)
def participants_meeting_panel(context, meeting):
    """The meeting page's participants panel: aggregate figures once the meeting is held
    (never names, it is public), and links for the secretariat or the focal point."""
    request = context.get("request")
    user = getattr(request, "user", None)
    panel = {
        "meeting": meeting,
        "is_secretariat": bool(user) and is_secretariat(user),
        "focal_point_state": focal_point_state(user) if user else None,
        "figures": None,
    }
    if meeting.status == meeting.Status.HELD:
        figures = attendance_figures(meetings=[meeting])
        if figures.total:
            by_category = attendance_by_category(meetings=[meeting])
            panel.update(
                figures=figures,
                statement=attendance_statement(figures, subject=meeting_subject(meeting)),
                chart=attendance_chart_svg(by_category),
            )
    return panel
