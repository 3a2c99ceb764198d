"""Work queues for the teams that serve everyone: OAT's referrals and advice requests (para 47)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.models import FeedbackCase
from casework.models.staff import roles_of
from casework.services.access import visible_feedback
from policy.facts import FeedbackKind, Role


@dataclass(frozen=True)
class OatQueue:
    waiting: list[FeedbackCase]  # referred, not yet taken by an OAT caseworker
    yours: list[FeedbackCase]  # taken by this OAT caseworker and not yet closed
    advice: list[FeedbackCase]  # case owners waiting for OAT's advice (paras 27, 29)


REVIEW_OPEN = ("with_oat", "accepted_by_oat", "review_decided")


def oat_queue(user) -> OatQueue:
    """Referrals oldest first, so the longest wait is seen first."""
    if Role.OAT not in roles_of(user):
        return OatQueue([], [], [])
    decisions = visible_feedback(user).filter(kind=FeedbackKind.DECISION_COMPLAINT).select_related("oat_caseworker")
    return OatQueue(
        waiting=list(decisions.filter(state="with_oat", oat_caseworker__isnull=True).order_by("referred_on", "id")),
        yours=list(decisions.filter(state__in=REVIEW_OPEN, oat_caseworker=user).order_by("referred_on", "id")),
        advice=list(decisions.exclude(oat_advice_question="").filter(oat_advice_decision="").exclude(state__startswith="closed")),
    )


def days_waiting(since: date | None, today: date) -> int | None:
    return (today - since).days if since else None
