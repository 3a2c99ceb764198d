"""Whether a complaint about our decision can enter review at all.

Paragraphs 3 and 21 (low-level injustice), 5 (one review only), 22 (unacceptable behaviour),
70 (Judicial Review in prospect) and 76 (joint decisions with the LGSCO).
"""

from __future__ import annotations

from policy.decisions import Decision, Reason, rule
from policy.facts import ClosureReason, FeedbackFacts


@rule("3", "21")
def closed_as_low_level_injustice(facts: FeedbackFacts) -> bool:
    """Cases closed as a low-level injustice or impact carry no option of a review."""
    return facts.case.closure_reason == ClosureReason.LOW_LEVEL_INJUSTICE


@rule("76")
def is_joint_with_lgsco(facts: FeedbackFacts) -> bool:
    """Joint PHSO and LGSCO decisions are for the LGSCO, through the Joint Working Team."""
    return facts.case.joint_with_lgsco


@rule("5")
def needs_exceptional_reason(facts: FeedbackFacts) -> bool:
    """A case is reviewed once; another review needs exceptional circumstances."""
    return facts.case.review_count > 0


@rule("3", "5", "21", "76")
def may_enter_review(facts: FeedbackFacts) -> Decision:
    """A decision complaint can go on to a review unless the guidance closes that route."""
    refusals = []
    if closed_as_low_level_injustice(facts):
        refusals.append(
            Reason("21", "The case was closed as a low-level injustice or impact, so it does not carry the option of a review")
        )
        refusals.append(Reason("3", "We do not ask for grounds when the case closed as a low-level injustice or impact"))
    if is_joint_with_lgsco(facts):
        refusals.append(Reason("76", "This is a joint decision with the LGSCO: it goes to the Joint Working Team, not to review"))
    if needs_exceptional_reason(facts) and not (facts.exceptional_reason and facts.exceptional_review_agreed):
        refusals.append(
            Reason(
                "5",
                "This case has been reviewed before: record the exceptional circumstances and get OAT's agreement first",
            )
        )
    return Decision.unless(refusals)


@rule("3", "21")
def low_level_injustice(facts: FeedbackFacts) -> Decision:
    if closed_as_low_level_injustice(facts):
        return Decision.allow()
    return Decision.refuse(Reason("21", "The case was not closed as a low-level injustice or impact"))


@rule("76")
def joint_with_lgsco(facts: FeedbackFacts) -> Decision:
    if is_joint_with_lgsco(facts):
        return Decision.allow()
    return Decision.refuse(Reason("76", "This is not a joint decision with the LGSCO"))


@rule("76")
def not_joint_with_lgsco(facts: FeedbackFacts) -> Decision:
    """OAT do not consider joint PHSO and LGSCO decisions."""
    if is_joint_with_lgsco(facts):
        return Decision.refuse(Reason("76", "Joint decisions with the LGSCO are for the Joint Working Team, not OAT"))
    return Decision.allow()


@rule("5")
def exceptional_reason_can_be_recorded(facts: FeedbackFacts) -> Decision:
    if not needs_exceptional_reason(facts):
        return Decision.refuse(Reason("5", "This case has not been reviewed before, so no exceptional reason is needed"))
    if facts.exceptional_reason:
        return Decision.refuse(Reason("5", "The exceptional circumstances are already recorded"))
    return Decision.allow()


@rule("5")
def exceptional_review_can_be_agreed(facts: FeedbackFacts) -> Decision:
    if not facts.exceptional_reason:
        return Decision.refuse(Reason("5", "The case owner has not yet recorded the exceptional circumstances"))
    if facts.exceptional_review_agreed:
        return Decision.refuse(Reason("5", "OAT have already agreed to a further review"))
    return Decision.allow()


@rule("22")
def behaviour_restriction_in_place(facts: FeedbackFacts) -> Decision:
    """A review is declined for behaviour only under a restriction recorded on the service user."""
    if facts.case.behaviour_restriction:
        return Decision.allow()
    return Decision.refuse(Reason("22", "There is no unacceptable behaviour restriction recorded on this service user"))


@rule("70")
def legal_advice_first(facts: FeedbackFacts) -> Decision:
    """With Judicial Review in prospect, Legal's advice comes before the review request is considered."""
    if facts.jr_in_prospect and not facts.legal_advice_recorded:
        return Decision.refuse(Reason("70", "Judicial Review is in prospect: the Legal Team's advice must be recorded first"))
    return Decision.allow()


@rule("70")
def legal_advice_needed(facts: FeedbackFacts) -> Decision:
    if not facts.jr_in_prospect:
        return Decision.refuse(Reason("70", "Judicial Review is not in prospect on this complaint"))
    if facts.legal_advice_recorded:
        return Decision.refuse(Reason("70", "The Legal Team's advice is already recorded"))
    return Decision.allow()
