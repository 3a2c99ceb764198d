"""Feedback about our service: positive feedback and service complaints (paragraphs 7 to 19).

Service complaints belong to the case owner's manager, who first tries to resolve them; when
one is upheld, a remedy is offered before it can close, and it is never reviewed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from policy.decisions import Decision, Reason, rule
from policy.facts import FeedbackFacts

POSITIVE_FEEDBACK_TASK_SUBJECT = "positive feedback received"


class RemedyType(StrEnum):
    EXPLANATION = "explanation"
    APOLOGY = "apology"
    SERVICE_IMPROVEMENT = "service_improvement"
    FINANCIAL = "financial"


REMEDY_TYPES = (
    (RemedyType.EXPLANATION, "A further explanation"),
    (RemedyType.APOLOGY, "An apology"),
    (RemedyType.SERVICE_IMPROVEMENT, "A service improvement"),
    (RemedyType.FINANCIAL, "A financial remedy"),
)


@dataclass(frozen=True)
class SeverityBand:
    level: int
    minimum: Decimal
    maximum: Decimal


@rule("7", "8")
def positive_feedback_task(contents: str) -> tuple[str, str]:
    """Positive feedback sets the manager a task with exactly this subject and its main contents."""
    return POSITIVE_FEEDBACK_TASK_SUBJECT, contents


@rule("14")
def resolution_attempted(facts: FeedbackFacts) -> Decision:
    """The manager's attempt to resolve is recorded before any other outcome."""
    if facts.resolution_attempted:
        return Decision.allow()
    return Decision.refuse(Reason("14", "Record the attempt to resolve the complaint first"))


@rule("18")
def upheld(facts: FeedbackFacts) -> Decision:
    if facts.finding_upheld:
        return Decision.allow()
    return Decision.refuse(Reason("18", "A remedy is offered only when the complaint is upheld"))


@rule("18")
def can_close_upheld(facts: FeedbackFacts) -> Decision:
    """An upheld service complaint cannot close without at least one remedy."""
    if not facts.finding_upheld:
        return Decision.refuse(Reason("18", "The complaint was not upheld"))
    if facts.remedy_count == 0:
        return Decision.refuse(Reason("18", "The complaint was upheld: offer at least one remedy before closing it"))
    return Decision.allow()


@rule("18")
def can_close_not_upheld(facts: FeedbackFacts) -> Decision:
    if facts.finding_upheld:
        return Decision.refuse(Reason("18", "The complaint was upheld: close it as upheld, with its remedy"))
    return Decision.allow()


@rule("15")
def can_escalate(facts: FeedbackFacts) -> Decision:
    """Escalation goes one step up the management chain; there must be someone there."""
    if facts.next_manager_up is None:
        return Decision.refuse(Reason("15", "There is nobody further up the management chain recorded for the handling manager"))
    return Decision.allow()


@rule("15")
def oat_advice_can_be_recorded(facts: FeedbackFacts) -> Decision:
    if not facts.oat_advice_requested:
        return Decision.refuse(Reason("15", "The manager has not asked OAT for advice"))
    return Decision.allow()


@rule("18", "60")
def remedy_refusals(inputs: Mapping[str, Any], scale: tuple[SeverityBand, ...], by: str = "18") -> list[Reason]:
    """A financial remedy is made on the severity of injustice scale, its amount within the level's range.
    `by` is the paragraph that puts it on the scale: 18 for a service complaint, 60 for a review."""
    if inputs.get("remedy_type") != RemedyType.FINANCIAL:
        return []
    level, amount_text = inputs.get("severity_level"), inputs.get("amount")
    refusals = []
    if not level:
        refusals.append(Reason(by, "Select the level on the severity of injustice scale", field="severity_level"))
    try:
        amount = Decimal(str(amount_text).replace("£", "").replace(",", "").strip()) if amount_text not in (None, "") else None
    except InvalidOperation:
        amount = None
        refusals.append(Reason(by, "Enter the amount in pounds, for example 250 or 250.00", field="amount"))
    else:
        if amount is None:
            refusals.append(Reason(by, "Enter the amount of the financial remedy", field="amount"))
        elif amount <= 0:
            refusals.append(Reason(by, "The amount must be more than £0", field="amount"))
    band = next((band for band in scale if str(band.level) == str(level)), None)
    if band and amount is not None and amount > 0 and not band.minimum <= amount <= band.maximum:
        if not (inputs.get("out_of_range_reason") or "").strip():
            refusals.append(
                Reason(
                    "60",
                    f"£{amount:,.2f} is outside level {band.level}'s range of £{band.minimum:,.0f} to £{band.maximum:,.0f}: "
                    "give the reason or change the amount",
                    field="out_of_range_reason",
                )
            )
    return refusals
