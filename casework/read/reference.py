"""Reference data as the forms, the API and the rules read it: choices and periods an administrator keeps."""

from __future__ import annotations

from datetime import timedelta

from casework import reference_defaults
from casework.models import ServiceModelSection, SeverityLevel, TimeLimit
from policy.reference import Period, ReferenceList
from policy.workflows import register_choices


def severity_levels() -> list[tuple[str, str]]:
    return [(str(level), f"Level {level}: {name}") for level, name in SeverityLevel.objects.values_list("level", "name")]


def service_model_sections() -> list[tuple[str, str]]:
    """Offered by name, which reads well in the API; the learning point links to the row."""
    return [(name, name) for name in ServiceModelSection.objects.values_list("name", flat=True)]


def period(code: Period) -> timedelta:
    """The period as an administrator set it; the seeded default if its row has been deleted."""
    days = TimeLimit.objects.filter(code=code).values_list("days", flat=True).first()
    if days is None:
        days = next(days for name, days, _ in reference_defaults.TIME_LIMITS if name == code)
    return timedelta(days=days)


def register() -> None:
    """Called once the app is ready: declared fields that name reference data offer its rows."""
    register_choices(ReferenceList.SEVERITY_LEVELS, severity_levels)
    register_choices(ReferenceList.SERVICE_MODEL_SECTIONS, service_model_sections)
