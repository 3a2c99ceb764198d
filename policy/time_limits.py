"""Time limits: one month to raise concerns, the grounds deadline, late grounds, Judicial Review.

Paragraphs 2, 32 to 37 and 71.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from policy.calendar import ENGLAND_AND_WALES, WorkingCalendar, add_months
from policy.decisions import Decision, Reason, rule
from policy.facts import FeedbackFacts
from policy.oat_advice import OatAdvice


@rule("2")
def raised_late(decision_date: date, received: date) -> Reason | None:
    """Feedback received more than one calendar month after the decision is flagged."""
    if received > add_months(decision_date, 1):
        return Reason(
            "2",
            f"Received on {received:%-d %B %Y}, more than one month after the decision of "
            f"{decision_date:%-d %B %Y}. We may decide not to consider it.",
        )
    return None


@rule("2")
def late_feedback_undecided(facts: FeedbackFacts) -> Decision:
    """Feedback raised more than a month after the decision: someone decides whether to consider it."""
    if facts.late_feedback_decided:
        return Decision.refuse(Reason("2", "Whether to consider this late feedback has already been decided"))
    decided = facts.case.decision_date
    if decided is None or facts.received_date is None or raised_late(decided, facts.received_date) is None:
        return Decision.refuse(Reason("2", "The feedback was raised within one month of the decision"))
    return Decision.allow()


@rule("32")
def grounds_deadline(
    decision_date: date, calendar: WorkingCalendar = ENGLAND_AND_WALES, roll_to_working_day: bool = True
) -> date:
    """Grounds are due one calendar month after the decision, on the next working day if that is not one."""
    due = add_months(decision_date, 1)
    return calendar.on_or_next_working_day(due) if roll_to_working_day else due


@rule("32")
def extension_refusals(current_deadline: date | None, new_deadline: date | None) -> list[Reason]:
    """An extension moves the deadline later; it is agreed by a manager with a reason (checked by the workflow)."""
    if current_deadline and new_deadline and new_deadline <= current_deadline:
        return [
            Reason(
                "32",
                f"The new deadline must be after the current one, {current_deadline:%-d %B %Y}",
                field="new_deadline",
            )
        ]
    return []


@rule("32")
def grounds_request_refusals(facts: FeedbackFacts, today: date) -> list[Reason]:
    """Grounds are asked for by a deadline still to come: a letter never asks for them by a date
    already gone. Once the deadline has passed, the case owner's manager agrees a new one first."""
    deadline = facts.grounds_deadline or facts.usual_grounds_deadline
    if deadline is not None and deadline < today:
        return [
            Reason(
                "32",
                f"The deadline for the grounds, {deadline:%-d %B %Y}, has already passed: the case owner's manager "
                "must first agree a new deadline",
            )
        ]
    return []


@rule("32")
def agreed_deadline_refusals(new_deadline: date | None, today: date) -> list[Reason]:
    """A deadline the manager agrees before the grounds are asked for is still to come."""
    if new_deadline is not None and new_deadline <= today:
        return [Reason("32", "The new deadline must be after today", field="new_deadline")]
    return []


@rule("32")
def grounds_never_arrived_refusals(facts: FeedbackFacts, today: date) -> list[Reason]:
    """Feedback waiting for grounds closes as "no grounds received" only once the deadline, with any
    extension agreed (which moves it), has passed without them."""
    deadline = facts.grounds_deadline
    if facts.grounds_received_date is not None:
        return [Reason("32", "The grounds have been received: consider them instead")]
    if deadline is None or today <= deadline:
        when = f"until the deadline of {deadline:%-d %B %Y} has passed" if deadline else "until a deadline has been set"
        return [Reason("32", f"The service user has {when} to send their grounds")]
    return []


@rule("33")
def grounds_are_late(facts: FeedbackFacts) -> bool:
    """Grounds are late when they arrive after the deadline we gave."""
    return bool(facts.grounds_deadline and facts.grounds_received_date and facts.grounds_received_date > facts.grounds_deadline)


@rule("33")
def in_time(facts: FeedbackFacts) -> Decision:
    """Grounds that arrived by the deadline can be considered without a time-limit decision."""
    if grounds_are_late(facts):
        return Decision.refuse(
            Reason(
                "33",
                f"The grounds arrived on {facts.grounds_received_date:%-d %B %Y}, after the deadline of "
                f"{facts.grounds_deadline:%-d %B %Y}: decide whether to set the time limit aside",
            )
        )
    return Decision.allow()


@rule("33")
def late(facts: FeedbackFacts) -> Decision:
    """Setting the limit aside, asking for an explanation or declining apply only to late grounds."""
    if grounds_are_late(facts):
        return Decision.allow()
    return Decision.refuse(Reason("33", "The grounds arrived within the deadline, so there is no time limit to decide"))


class SetAsideReason(StrEnum):
    """Good reasons to put the time limit to one side (para 34), with `other` for anything else."""

    ILLNESS = "illness"
    BEREAVEMENT = "bereavement"
    ADVOCATE_OR_MP_SUPPORT = "advocate_or_mp_support"
    EVIDENCE_PROBLEMS = "evidence_problems"
    CASE_OWNER_RESOLUTION_TIME = "case_owner_resolution_time"
    DIFFICULT_BUT_PROMPT = "difficult_but_prompt"
    OTHER = "other"


SET_ASIDE_REASONS = {
    SetAsideReason.ILLNESS: "Illness",
    SetAsideReason.BEREAVEMENT: "Bereavement",
    SetAsideReason.ADVOCATE_OR_MP_SUPPORT: "Support was needed from an advocate or MP, particularly as a reasonable adjustment",
    SetAsideReason.EVIDENCE_PROBLEMS: "Problems obtaining evidence essential to the review request",
    SetAsideReason.CASE_OWNER_RESOLUTION_TIME: "The time the case owner took trying to resolve the issue",
    SetAsideReason.DIFFICULT_BUT_PROMPT: "It was difficult to return the form within one month, and it came back reasonably promptly",
    SetAsideReason.OTHER: "Another good reason",
}


@rule("34", "36")
def set_aside_refusals(reason: str | None, detail: str) -> list[Reason]:
    """The time limit is set aside only for a stated good reason; `other` needs it written down."""
    if not reason:
        return [Reason("36", "Select the reason for setting the time limit aside", field="reason")]
    if reason == SetAsideReason.OTHER and not detail.strip():
        return [Reason("34", "Describe the other reason for setting the time limit aside", field="detail")]
    return []


@rule("37", "27")
def goes_straight_to_oat(facts: FeedbackFacts) -> bool:
    """When OAT have asked for this service user's or case's reviews first, or advised that this
    complaint is considered within OAT (para 27), the case owner passes it on."""
    return facts.case.reviews_go_to_oat_first or facts.oat_advice_given == OatAdvice.CONSIDER_WITHIN_OAT


@rule("37")
def case_owner_may_decide_time_limit(facts: FeedbackFacts) -> Decision:
    """The case owner decides the time limit unless OAT asked for the complaint to come straight to them."""
    if goes_straight_to_oat(facts):
        return Decision.refuse(
            Reason(
                "37",
                "OAT have asked for reviews on this case to come to them first: pass it to OAT without deciding the time limit",
            )
        )
    return Decision.allow()


@rule("37")
def oat_asked_first(facts: FeedbackFacts) -> Decision:
    if goes_straight_to_oat(facts):
        return Decision.allow()
    return Decision.refuse(Reason("37", "OAT have not asked for reviews on this case to come to them first"))


@dataclass(frozen=True)
class JudicialReviewClock:
    """Para 71: a JR claim is due within three months of the decision."""

    jr_date: date
    review_asked_within_a_month: bool
    review_took_over_three_months: bool

    @property
    def will_not_argue_delay(self) -> bool:
        return self.review_asked_within_a_month and self.review_took_over_three_months


@rule("71")
def judicial_review_clock(
    decision_date: date, review_requested: date | None, review_decided: date | None, today: date
) -> JudicialReviewClock:
    """The JR date, and whether a review asked for in time took us more than three months to decide."""
    jr_date = add_months(decision_date, 3)
    if review_requested is None:
        return JudicialReviewClock(jr_date, False, False)
    asked_in_time = review_requested <= add_months(decision_date, 1)
    took_too_long = (review_decided or today) > add_months(review_requested, 3)
    return JudicialReviewClock(jr_date, asked_in_time, took_too_long)
