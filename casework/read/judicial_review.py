"""The Judicial Review clock of feedback (para 71), for the feedback page, the case page and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from casework.models import Case, FeedbackCase
from casework.read.facts import decision_complained_of
from policy.facts import FeedbackKind
from policy.time_limits import JudicialReviewClock, judicial_review_clock
from policy.workflows.registry import workflow_for


def review_clock(feedback: FeedbackCase, today: date) -> JudicialReviewClock:
    """A complaint about our decision is the request for a review: asked for when it was received,
    decided when we reached our decision on it. Other feedback asks for no review, so only the
    JR date applies to it."""
    decision_date = decision_complained_of(feedback).decided_on
    if feedback.kind != FeedbackKind.DECISION_COMPLAINT:
        return judicial_review_clock(decision_date, None, None, today)
    return judicial_review_clock(decision_date, feedback.received_date, decided_on(feedback), today)


def decided_on(feedback: FeedbackCase) -> date | None:
    """When we reached our decision on the request: when OAT recorded the review decision; for one
    closed without a review (not actionable, declined, resolved), when it closed (its last change)."""
    if feedback.decided_on:
        return feedback.decided_on
    if workflow_for(feedback.kind).state(feedback.state).terminal:
        return timezone.localtime(feedback.updated_at).date()
    return None


@dataclass(frozen=True)
class ReviewRequest:
    feedback: FeedbackCase
    decided_on: date | None
    clock: JudicialReviewClock


def review_requests(case: Case, today: date) -> list[ReviewRequest]:
    """Each complaint about our decision on the case, with its Judicial Review clock."""
    complaints = case.feedback.filter(kind=FeedbackKind.DECISION_COMPLAINT).order_by("received_date", "id")
    return [ReviewRequest(feedback, decided_on(feedback), review_clock(feedback, today)) for feedback in complaints]
