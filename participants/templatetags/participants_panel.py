from django import template

from accounts.roles import focal_point_state, is_secretariat

from ..statistics import meeting_attendance

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
        attendance = meeting_attendance(meeting=meeting)
        if attendance.figures.total:
            panel.update(
                figures=attendance.figures,
                statement=attendance.statement,
                chart=attendance.chart,
            )
    return panel
