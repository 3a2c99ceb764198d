"""Reference data as the forms, the API and the rules read it: choices and periods an administrator keeps."""

from __future__ import annotations

from datetime import timedelta

from casework.models import ServiceCharterCommitment, ServiceModelSection, SeverityLevel
from casework.read import reference_cache
from casework.read.holders import period_days
from casework.read.reference_cache import kept
from policy.reference import ReferenceList
from policy.workflows import register_choices
from policy.workflows.holding import Due


def severity_levels() -> list[tuple[str, str]]:
    return list(_severity_levels())


def service_model_sections() -> list[tuple[str, str]]:
    """Offered by name, which reads well in the API; the learning point links to the row."""
    return list(_service_model_sections())


@kept
def _severity_levels() -> tuple[tuple[str, str], ...]:
    return tuple((str(level), f"Level {level}: {name}") for level, name in SeverityLevel.objects.values_list("level", "name"))


@kept
def _service_model_sections() -> tuple[tuple[str, str], ...]:
    return tuple((name, name) for name in ServiceModelSection.objects.values_list("name", flat=True))


@kept
def service_model_sections_by_name() -> dict[str, ServiceModelSection]:
    """The sections a learning point links to, by the name it is given."""
    return {section.name: section for section in ServiceModelSection.objects.all()}


@kept
def charter_commitments() -> dict[int, ServiceCharterCommitment]:
    """The Service Charter's commitments a learning point links to, by number (Annex A)."""
    return {commitment.number: commitment for commitment in ServiceCharterCommitment.objects.all()}


def period(due: Due) -> timedelta:
    """A period the declaration names, as an administrator set it (its TimeLimit row); its declared
    length if the row has been deleted."""
    return timedelta(days=period_days(due))


def register() -> None:
    """Called once the app is ready: declared fields that name reference data offer its rows."""
    register_choices(ReferenceList.SEVERITY_LEVELS, severity_levels)
    register_choices(ReferenceList.SERVICE_MODEL_SECTIONS, service_model_sections)
    reference_cache.connect()
