"""How a person on an agenda is named in plain text (the agenda page has its own markup)."""


def person_with_affiliation(registration) -> str:
    """ "Name (affiliation)": the member state they come for, else their organization."""
    affiliation = registration.member_state or registration.organization
    name = registration.participant.full_name
    return f"{name} ({affiliation})" if affiliation else name
