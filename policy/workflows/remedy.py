"""Offering a remedy, declared once for every workflow that offers one (paras 18, 58, 60).

A service complaint's remedy is required by para 18 and made on the severity scale under it; a
review's by para 58, checked against the severity of injustice scale under para 60.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy import service_feedback
from policy.decisions import Reason
from policy.facts import FeedbackFacts, Role
from policy.reference import ReferenceList
from policy.service_feedback import REMEDY_TYPES
from policy.workflows import Action, Field, FieldKind, Guard


def remedy_action(
    sources: frozenset[str],
    roles: frozenset[Role],
    paragraphs: tuple[str, ...],
    *,
    required_by: str,
    scale_by: str,
    guards: tuple[Guard, ...],
    guidance: str = "",
) -> Action:
    """`required_by`: the paragraph that asks for a remedy; `scale_by`: the one that puts a payment on the scale."""

    def check(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
        return service_feedback.remedy_refusals(inputs, facts.severity_scale, by=scale_by)

    return Action(
        "offer_remedy",
        "Offer a remedy",
        sources,
        None,
        roles,
        paragraphs,
        guards=guards,
        fields=(
            Field(
                "remedy_type",
                "Type of remedy",
                FieldKind.CHOICE,
                choices=tuple(REMEDY_TYPES),
                required_by=required_by,
                missing="Select the type of remedy",
            ),
            Field("details", "What we are offering", required_by=required_by, missing="Enter what we are offering"),
            Field(
                "severity_level",
                "Severity of injustice level",
                FieldKind.CHOICE,
                choices_from=ReferenceList.SEVERITY_LEVELS,
                hint="Required for a financial remedy",
            ),
            Field("amount", "Amount, in pounds", FieldKind.TEXT, hint="Required for a financial remedy"),
            Field("out_of_range_reason", "Why the amount is outside the level's range", hint="Only if it is"),
        ),
        check=check,
        guidance=guidance,
    )
