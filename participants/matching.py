"""How names are compared when people or organizations are looked up: case, accents and
spacing ignored, so that "Organisation Internationale du Travail" and "ORGANISATION
INTERNATIONALE DU TRAVAIL", or "José Pérez" and "Jose Perez", are the same."""

import unicodedata


def name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.casefold().split())


AMBIGUOUS = object()  # a key that names more than one organization


def organization_keys(rows) -> dict[str, int | object]:
    """Every way an organization may be written → its id, from (id, name, acronym) rows:
    its name, its acronym, and its name as the portal displays it, "Name (ACRONYM)".
    A name wins over an acronym; an acronym of several organizations is AMBIGUOUS."""
    by_name: dict[str, int] = {}
    by_acronym: dict[str, int | object] = {}
    for pk, name, acronym in rows:
        by_name[name_key(name)] = pk
        if acronym:
            by_name[name_key(f"{name} ({acronym})")] = pk
            key = name_key(acronym)
            by_acronym[key] = AMBIGUOUS if by_acronym.get(key, pk) != pk else pk
    return {**by_acronym, **by_name}
