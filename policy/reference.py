"""The names of reference data an administrator keeps, which the rules and the declarations point at.

The values live in the database (seeded from casework/reference_defaults.py); policy names them only.
"""

from enum import StrEnum


class ReferenceList(StrEnum):
    """A list a declared field offers as its choices (see `policy.workflows.Field.choices_from`)."""

    SEVERITY_LEVELS = "severity_levels"  # the severity of injustice scale (para 60)
    SERVICE_MODEL_SECTIONS = "service_model_sections"  # what an individual learning point links to (Annex A)
