"""`{{ code|role_label }}`: a role as people read it, from the one place roles are named (policy.facts)."""

from django import template

from policy.facts import Role

register = template.Library()


@register.filter
def role_label(code: str) -> str:
    """'oat' reads 'Ombudsman's Assurance Team' (its queue); an unknown code is shown as it is."""
    try:
        return Role(code).label
    except ValueError:
        return code
