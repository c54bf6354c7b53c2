"""Display names of categories, roles and statuses, looked up in a dictionary.

Model.get_FOO_display() rebuilds and translates the whole choice list at
every call; a list page calls it hundreds of times.
"""

from functools import cache

from django import template
from django.utils.translation import get_language

from ..models import Category, Registration

register = template.Library()

CHOICES = {
    "category": Category.choices,
    "role": Registration.Role.choices,
    "status": Registration.Status.choices,
}


@cache
def _labels(kind: str, language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in CHOICES[kind]}


def _label(kind: str, value: str) -> str:
    return _labels(kind, get_language()).get(value, value)


@register.filter
def category_label(value: str) -> str:
    return _label("category", value)


@register.filter
def role_label(value: str) -> str:
    return _label("role", value)


@register.filter
def status_label(value: str) -> str:
    return _label("status", value)
