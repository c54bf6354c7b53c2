from django.db import transaction

from .models import DialogueYear


@transaction.atomic
def dialogue_year_theme_set(*, dialogue_year: DialogueYear, theme: str) -> DialogueYear:
    """Sets the overarching theme of a year (for example, as a consultation's result)."""
    dialogue_year.overarching_theme = theme
    dialogue_year.save(update_fields=["overarching_theme"])
    return dialogue_year
