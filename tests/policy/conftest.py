"""The policy tests have no database: fields that name reference data offer its seeded defaults."""

import pytest

from casework import reference_defaults
from policy.reference import ReferenceList
from policy.workflows import register_choices


@pytest.fixture(autouse=True)
def default_reference_choices(monkeypatch):
    from policy import workflows

    monkeypatch.setattr(workflows, "_CHOICE_SOURCES", dict(workflows._CHOICE_SOURCES))
    register_choices(
        ReferenceList.SEVERITY_LEVELS, lambda: [(str(level), name) for level, name, *_ in reference_defaults.SEVERITY_SCALE]
    )
    register_choices(
        ReferenceList.SERVICE_MODEL_SECTIONS, lambda: [(name, name) for name in reference_defaults.SERVICE_MODEL_SECTIONS]
    )
