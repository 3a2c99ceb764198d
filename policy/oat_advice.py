"""When the case owner must ask OAT before a review goes on (paragraphs 26 to 29)."""

from __future__ import annotations

from enum import StrEnum

from policy.decisions import Decision, Reason, rule
from policy.facts import CaseFacts, ChallengeAnswers, FeedbackFacts, Risk

__all__ = ["ChallengeAnswers", "OatAdvice", "advice_settled", "oat_advice_triggers"]


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


class OatAdvice(StrEnum):
    """How OAT decide a complaint is handled (para 27), or that there is no review (para 29)."""

    CONSIDER_WITHIN_OAT = "consider_within_oat"
    FURTHER_OVERSIGHT = "further_oversight"
    AS_USUAL = "as_usual"
    NO_REVIEW = "no_review"


OAT_ADVICE_CHOICES = (
    (OatAdvice.CONSIDER_WITHIN_OAT, "Consider it within OAT: pass the grounds straight to OAT"),
    (OatAdvice.FURTHER_OVERSIGHT, "The case owner considers it, with further oversight"),
    (OatAdvice.AS_USUAL, "The case owner considers it as usual"),
    (OatAdvice.NO_REVIEW, "High-risk case: we will not undertake a review"),
)


def reasons_to_ask_oat(facts: FeedbackFacts) -> list[Reason]:
    """Everything that sends this complaint to OAT for advice before the review goes on."""
    reasons = oat_advice_triggers(facts.case, facts.challenge_answers or ChallengeAnswers())
    high_risk = needs_oat_discussion_on_high_risk(facts.case)
    return reasons + ([high_risk] if high_risk else [])


@rule("26", "27", "28", "29")
def advice_settled(facts: FeedbackFacts) -> Decision:
    """The review goes on only once the case owner has checked the para 26 criteria and, when any
    applies or the case is high risk, OAT's advice is recorded and does not rule a review out."""
    if facts.challenge_answers is None:
        return Decision.refuse(Reason("26", "First check whether OAT's advice is needed on this complaint"))
    if facts.oat_advice_given == OatAdvice.NO_REVIEW:
        return Decision.refuse(Reason("29", "OAT advised that we should not undertake a review: close the complaint"))
    if facts.oat_advice_given:
        return Decision.allow()
    needed = reasons_to_ask_oat(facts)
    if not needed:
        return Decision.allow()
    waiting = Reason("27", "Ask OAT for advice and wait for it to be recorded before the review goes on")
    return Decision.refuse(waiting, *needed)


@rule("26", "27", "29")
def advice_can_be_requested(facts: FeedbackFacts) -> Decision:
    if facts.challenge_answers is None:
        return Decision.refuse(Reason("26", "First check whether OAT's advice is needed on this complaint"))
    if facts.oat_advice_requested:
        return Decision.refuse(Reason("27", "OAT's advice has already been asked for"))
    if not reasons_to_ask_oat(facts):
        return Decision.refuse(Reason("26", "None of the reasons to ask OAT for advice applies to this complaint"))
    return Decision.allow()


@rule("27", "29")
def advice_can_be_given(facts: FeedbackFacts) -> Decision:
    if not facts.oat_advice_requested:
        return Decision.refuse(Reason("27", "The case owner has not asked OAT for advice"))
    if facts.oat_advice_given:
        return Decision.refuse(Reason("27", "OAT's advice is already recorded"))
    return Decision.allow()


@rule("29")
def advice_refusals(facts: FeedbackFacts, advice: str) -> list[Reason]:
    """Only on a high-risk case may OAT decide against a review at this stage."""
    if advice == OatAdvice.NO_REVIEW and facts.case.risk != Risk.HIGH:
        return [Reason("29", "Deciding not to review at this stage is for high-risk cases only", field="decision")]
    return []


@rule("29")
def no_review_advised(facts: FeedbackFacts) -> Decision:
    if facts.oat_advice_given == OatAdvice.NO_REVIEW:
        return Decision.allow()
    return Decision.refuse(Reason("29", "OAT have not advised against a review"))
