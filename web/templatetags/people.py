"""`{{ user|person }}`: a person's name as the pages show it (see casework.people)."""

from django import template

from casework.people import name_of

register = template.Library()


@register.filter
def person(user) -> str:
    return name_of(user) or ""
