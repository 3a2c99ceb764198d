"""Learning points and good practice from reviews and complaints (para 19, 55, 56 and Annex A)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from policy.decisions import Reason, rule
from policy.facts import FeedbackFacts
from policy.reference import ReferenceList
from policy.workflows import Field, FieldKind


class LearningKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATIONAL = "organisational"
    GOOD_PRACTICE = "good_practice"


LEARNING_KINDS = (
    (LearningKind.INDIVIDUAL, "A learning point for an individual"),
    (LearningKind.ORGANISATIONAL, "A learning point for the organisation, such as a gap in our guidance"),
    (LearningKind.GOOD_PRACTICE, "Good practice: what went well"),
)

LEARNING_FIELDS = (
    Field(
        "kind",
        "Kind of learning",
        FieldKind.CHOICE,
        choices=tuple(LEARNING_KINDS),
        required_by="19",
        missing="Select the kind of learning",
    ),
    Field(
        "text",
        "The learning point",
        hint="What went wrong, or what went well",
        required_by="19",
        missing="Enter the learning point",
    ),
    Field(
        "service_model_section",
        "Service Model section and paragraph",
        FieldKind.CHOICE,
        choices_from=ReferenceList.SERVICE_MODEL_SECTIONS,
        hint="The section of the Service Model it relates to. Required for an individual learning point",
    ),
    Field(
        "charter_commitment",
        "Service Charter commitment number",
        FieldKind.TEXT,
        hint="For example, 5. Required for an individual learning point",
    ),
    Field(
        "shared_with",
        "Who it was shared with",
        FieldKind.TEXT,
        hint="The line manager (OM for caseworkers, AD for OMs) and anyone in the wider organisation",
        required_by="19",
        missing="Enter who the learning was shared with",
    ),
)


@rule("Annex A", "19")
def learning_point_refusals(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    """An individual learning point links both the Service Model guidance and the Service Charter commitment."""
    if inputs.get("kind") != LearningKind.INDIVIDUAL:
        return []
    refusals = []
    if not (inputs.get("service_model_section") or "").strip():
        refusals.append(
            Reason("Annex A", "Link the learning point to the Service Model section it relates to", field="service_model_section")
        )
    commitment = (inputs.get("charter_commitment") or "").strip()
    if not commitment:
        refusals.append(
            Reason(
                "Annex A", "Link the learning point to the Service Charter commitment it relates to", field="charter_commitment"
            )
        )
    elif not commitment.isdigit() or not 1 <= int(commitment) <= 99:
        refusals.append(
            Reason("Annex A", "Enter the Service Charter commitment as its number, for example 5", field="charter_commitment")
        )
    return refusals
