"""When the case owner must ask OAT before a review goes on (paragraphs 26 to 29)."""

from __future__ import annotations

from dataclasses import dataclass

from policy.decisions import Reason, rule
from policy.facts import CaseFacts, Risk


@dataclass(frozen=True)
class ChallengeAnswers:
    """What the case owner tells us about the challenge that the records cannot."""

    jr_threat_or_unlawful_allegation: bool = False
    brought_by_organisation: bool = False
    specialist_subject: bool = False


@rule("26", "27")
def oat_advice_triggers(case: CaseFacts, answers: ChallengeAnswers) -> list[Reason]:
    """Each para 26 criterion that applies: when any does, the case owner asks OAT for advice."""
    triggers = []
    if case.risk == Risk.MEDIUM:
        triggers.append(Reason("26", "The original case was medium risk"))
    if case.mp_involved:
        triggers.append(Reason("26", "An MP supports or is involved in the challenge"))
    if answers.jr_threat_or_unlawful_allegation:
        triggers.append(
            Reason("26", "There is a credible threat of Judicial Review or a reasonable allegation that we acted unlawfully")
        )
    if answers.brought_by_organisation:
        triggers.append(
            Reason(
                "26",
                "An organisation is bringing the challenge: consider first whether it is a compliance issue for that escalation process",
            )
        )
    if case.previous_review_upheld:
        triggers.append(Reason("26", "This is a further complaint after an upheld review"))
    if case.reviews_go_to_oat_first:
        triggers.append(Reason("26", "We have decided this service user's complaints are reviewed first within OAT"))
    if answers.specialist_subject:
        triggers.append(Reason("26", "The challenge is complicated: the case needed specialist knowledge"))
    return triggers


@rule("28", "29")
def needs_oat_discussion_on_high_risk(case: CaseFacts) -> Reason | None:
    """On a high-risk case the case owner discusses with OAT whether we should review at all."""
    if case.risk == Risk.HIGH:
        return Reason("29", "The original case was high risk: discuss with OAT whether we should undertake a review")
    return None
