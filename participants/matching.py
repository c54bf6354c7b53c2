"""How names are compared when people or organizations are looked up: case, accents and
spacing ignored, so that "Organisation Internationale du Travail" and "ORGANISATION
INTERNATIONALE DU TRAVAIL", or "José Pérez" and "Jose Perez", are the same."""

import unicodedata


def name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.casefold().split())
