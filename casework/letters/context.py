"""The letter context, built in one place from the records: plain values only, never a model.

Every name of `names.CONTEXT` is always present. A value not recorded for this feedback (a
deadline not yet set) is `NotRecorded`: a template may test it, and printing it is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from casework.letters.names import CONTEXT
from casework.letters.sandbox import NotRecorded
from casework.models import FeedbackCase, Ground
from casework.people import name_of
from casework.read.facts import record_of
from policy.review import FINDINGS

PLAIN = (str, bool, int, Decimal)


def letter_context(
    feedback: FeedbackCase, author, today: date, given: dict[str, Any] | None = None, needed: frozenset[str] | None = None
) -> dict[str, Any]:
    """The values a template renders from; `given` are the action's own (its reasons, its message).
    `needed`: the names the template reads (all when not given); the lists are looked up only then."""
    unknown = set(given or {}) - CONTEXT.keys()
    if unknown:
        raise ValueError(f"Not in the letter context: {sorted(unknown)}")
    lists = {name: look_up() for name, look_up in _lists(feedback).items() if needed is None or name in needed}
    values = {name: None for name in CONTEXT} | _from_records(feedback, author, today) | lists | (given or {})
    return {name: _plain(feedback, name, value) for name, value in values.items()}


def _from_records(feedback: FeedbackCase, author, today: date) -> dict[str, Any]:
    case = feedback.case
    review, finding = record_of(feedback, "review_decision"), record_of(feedback, "service_finding")
    return {
        "letter_date": today,
        "author_name": name_of(author),
        "addressee": case.service_user.name,
        "service_user": case.service_user.name,
        "organisation": case.organisation.name,
        "case_reference": case.reference,
        "decision_date": case.decision_date,
        "report_issue_date": case.report_issue_date or case.decision_date,
        "report_quashed": case.report_quashed,
        "case_owner_name": name_of(case.case_owner),
        "case_manager_name": name_of(case.manager),
        "handling_manager_name": name_of(feedback.handling_manager or case.manager),
        "feedback_reference": feedback.reference,
        "received_date": feedback.received_date,
        "feedback_summary": feedback.summary,
        "grounds_deadline": feedback.grounds_deadline,
        "grounds_received_date": feedback.grounds_received_date,
        "signpost_jr": False,
        "upheld": review.upheld if review else bool(finding and finding.upheld),
        "remedy_analysis": review.remedy_analysis if review else None,
        "handling_feedback": review.handling_feedback if review else None,
        "proportionate": review.proportionate if review else None,
        "what_happened": finding.what_happened if finding else None,
        "what_should_have_happened": finding.what_should_have_happened if finding else None,
    }


def _lists(feedback: FeedbackCase) -> dict[str, Callable[[], Any]]:
    """The values read from many rows, each looked up only when a template names it."""
    return {
        "grounds": lambda: ground_items(feedback),
        "remedies": lambda: [
            SimpleNamespace(kind=remedy.get_remedy_type_display(), details=remedy.details, amount=str(remedy.amount or ""))
            for remedy in feedback.remedies.order_by("pk")
        ],
        "follow_on_kind": lambda: _follow_on_kind(feedback),
    }


def _follow_on_kind(feedback: FeedbackCase) -> str:
    follow_on = feedback.follow_on_cases.filter(opened_on__isnull=False).last()
    return follow_on.get_kind_display().lower() if follow_on else ""


def ground_items(feedback: FeedbackCase) -> list[SimpleNamespace]:
    """Each ground raised, with OAT's finding in words and OAT's reasons for it."""
    findings = dict(FINDINGS)
    return [
        SimpleNamespace(label=ground.get_ground_type_display(), finding=findings.get(ground.finding, ""), reasons=ground.reasons)
        for ground in Ground.objects.filter(grounds__feedback_case=feedback).order_by("pk")
    ]


def _plain(feedback: FeedbackCase, name: str, value: Any) -> Any:
    if value is None:
        return NotRecorded(hint=f"'{name}' is not recorded for {feedback.reference}", name=name)
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, PLAIN) or (isinstance(value, list) and all(isinstance(item, SimpleNamespace) for item in value)):
        return value
    raise TypeError(f"The letter context holds plain values only: '{name}' is a {type(value).__name__}")
