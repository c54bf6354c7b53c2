from .roles import focal_point_state, is_secretariat, sees_funding_gap


def role(request):
    """Exposes the visitor's role to every template (the header shows it)."""
    user = request.user
    return {
        "is_secretariat": is_secretariat(user),
        "focal_point_state": focal_point_state(user),
        "show_funding_gap": sees_funding_gap(user),
    }
