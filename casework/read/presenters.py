"""One presenter per resource, read by both the page and the API: what a case and a feedback case
show, computed once. The page renders the presenter's parts; the API serialises `as_json()`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from functools import cached_property

from django.db.models import Exists, OuterRef, QuerySet

from casework.models import Case, Decision, FeedbackCase, FollowUpContact, Task
from casework.models.review import latest_risk_assessment
from casework.people import name_of
from casework.read import after_review, compiled
from casework.read.facts import (
    ONE_TO_ONE_RECORDS,
    deadline_rolls_to_working_day,
    decision_complained_of,
    record_of,
    working_calendar,
)
from casework.read.judicial_review import review_clock
from policy import time_limits
from policy.facts import Channel
from policy.time_limits import JudicialReviewClock
from policy.workflows.registry import workflow_for

# What `as_json` reads besides the feedback: the one-to-one records the rules read, and the quash proposal.
JSON_RECORDS = (*ONE_TO_ONE_RECORDS, "quash_proposal")
JSON_LISTS = (
    "referrals",
    "tasks",
    "letters",
    "risk_assessments",
    "remedies",
    "learning_points",
    "approvals",
    "follow_on_cases",
    "follow_ups",
)

CHANNEL_LABELS = {channel.value: channel.value.replace("_", " ").capitalize() for channel in Channel}


@dataclass(frozen=True)
class CaseDates:
    """The dates a case page and the API show, for the latest decision on the case (a complaint
    about an earlier one names it, para 20): the Judicial Review date (para 71) and the deadline
    grounds would have if they were asked for today (para 32)."""

    decided_on: date
    jr: JudicialReviewClock
    grounds_due_by: date


@dataclass(frozen=True)
class DecisionDates:
    """A decision on the case and the deadline grounds about it would have (para 32): a complaint
    about it names it, and its time limits run from it (para 20)."""

    decision: Decision
    grounds_due_by: date
    jr_date: date


def decisions_of(case: Case, today: date) -> list[DecisionDates]:
    """The case's decisions, latest first."""
    calendar, rolls = working_calendar(), deadline_rolls_to_working_day()
    return [
        DecisionDates(
            decision,
            time_limits.grounds_deadline(decision.decided_on, calendar, rolls),
            time_limits.judicial_review_clock(decision.decided_on, None, None, today).jr_date,
        )
        for decision in case.decisions.order_by("-decided_on", "-id")
    ]


def case_dates(case: Case, today: date) -> CaseDates:
    """The dates of the latest decision: the same as its row in `decisions_of`."""
    latest = case.decisions.order_by("-decided_on", "-id").values_list("decided_on", flat=True).first()
    decided_on = latest or case.decision_date  # a case made before decisions were records holds only its own
    return CaseDates(
        decided_on=decided_on,
        jr=time_limits.judicial_review_clock(decided_on, None, None, today),
        grounds_due_by=time_limits.grounds_deadline(decided_on, working_calendar(), deadline_rolls_to_working_day()),
    )


def feedback_summary(feedback: FeedbackCase) -> dict:
    """A feedback case in a list: where it has got to."""
    workflow = workflow_for(feedback.kind)
    return {
        "reference": feedback.reference,
        "case_reference": feedback.case.reference,
        "kind": feedback.kind,
        "state": feedback.state,
        "state_label": workflow.state(feedback.state).label,
        "received_date": feedback.received_date,
    }


def follow_up_json(contact: FollowUpContact) -> dict:
    return {
        "id": contact.pk,
        "received_date": contact.received_date,
        "channel": contact.channel,
        "summary": contact.summary,
        "response": contact.response,
        "logged_by": name_of(contact.logged_by),
        "logged_at": contact.logged_at,
    }


class FeedbackPresenter:
    """A feedback case as people see it: its state, dates, flags, tasks, letters, review and what followed."""

    def __init__(self, feedback: FeedbackCase, today: date):
        self.feedback = feedback
        self.case = feedback.case
        self.today = today
        self.workflow = workflow_for(feedback.kind)
        self.state = self.workflow.state(feedback.state)

    @cached_property
    def raised_late(self):
        return time_limits.raised_late(decision_complained_of(self.feedback).decided_on, self.feedback.received_date)

    @cached_property
    def jr(self) -> JudicialReviewClock:
        return review_clock(self.feedback, self.today)

    def tasks(self):
        return self.feedback.tasks.select_related("assigned_to").order_by("status", "due_date", "id")

    def open_tasks(self):
        return self.feedback.tasks.filter(status=Task.Status.OPEN).select_related("assigned_to")

    def letters(self):
        return self.feedback.letters.select_related("template")

    def remedies(self):
        return self.feedback.remedies.all()

    def learning_points(self):
        return self.feedback.learning_points.select_related("charter_commitment", "fed_back_to", "service_model_section")

    @cached_property
    def new_investigation(self):
        return after_review.new_investigation(self.feedback)

    @cached_property
    def quash_proposal(self):
        return after_review.quash_proposal(self.feedback)

    def approvals(self):
        return after_review.approvals_on(self.feedback)

    def follow_ups(self) -> list[FollowUpContact]:
        contacts = list(self.feedback.follow_ups.select_related("logged_by"))
        for contact in contacts:
            contact.channel_label = CHANNEL_LABELS.get(contact.channel, contact.channel)
        return contacts

    @cached_property
    def held(self) -> frozenset[str]:
        """Which of the feedback's lists and records (not already loaded) hold anything, asked in one
        query: an empty one is then not read. Those not held are noted as absent on the feedback."""
        feedback = self.feedback
        records = tuple(name for name in JSON_RECORDS if not getattr(FeedbackCase, name).related.is_cached(feedback))
        found = _held_in(records, feedback.pk)
        for name in records:
            if not found[f"held_{name}"]:
                getattr(FeedbackCase, name).related.set_cached_value(feedback, None)
        return frozenset(name.removeprefix("held_") for name, held in found.items() if held)

    def listed(self, name: str, read):
        """What `read()` gives of the list `name`, without asking when it holds nothing (`held`)."""
        return read() if name in self.held else []

    def as_json(self) -> dict:
        feedback, case, clock, held, rows = self.feedback, self.case, self.jr, self.held, self.listed
        referrals = rows("referrals", lambda: list(feedback.referrals.select_related("oat_caseworker", "referred_by")))
        return {
            **feedback_summary(feedback),
            "kind_label": self.workflow.title,
            "state_label": self.state.label,
            "terminal": self.state.terminal,
            "channel": feedback.channel,
            "summary": feedback.summary,
            "reasonable_adjustments": feedback.reasonable_adjustments,
            "jr_in_prospect": feedback.jr_in_prospect,
            "decision_date": decision_complained_of(feedback).decided_on,
            "raised_late": self.raised_late.text if self.raised_late else None,
            "grounds_deadline": feedback.grounds_deadline,
            "grounds_received_date": feedback.grounds_received_date,
            "grounds": _grounds_json(feedback),
            "exceptional_reason": feedback.exceptional_reason,
            "exceptional_review_agreed": feedback.exceptional_review_agreed,
            "legal_advice": feedback.legal_advice,
            "outcome_note": feedback.outcome_note,
            "jr_date": clock.jr_date,
            "will_not_argue_delay": clock.will_not_argue_delay,
            "report_quashed": case.report_quashed,
            "quashed_on": case.quashed_on,
            "open_tasks": [
                {
                    "id": task.id,
                    "code": task.code,
                    "subject": task.subject,
                    "assigned_role": task.assigned_role,
                    "assigned_to": name_of(task.assigned_to),
                    "due_date": task.due_date,
                }
                for task in rows("tasks", self.open_tasks)
            ],
            "letters": [
                {
                    "id": letter.id,
                    "subject": letter.subject,
                    "addressee": letter.addressee,
                    "created_at": letter.created_at,
                    "status": letter.status,
                    "channel": letter.channel,
                }
                for letter in rows("letters", feedback.letters.all)
            ],
            "review": {
                "challenge_answers": _columns(record_of(feedback, "challenge_answers")),
                "oat_advice_question": feedback.oat_advice_question,
                "oat_advice_decision": feedback.oat_advice_decision,
                "oat_advice": feedback.oat_advice,
                "challenge_analysis": _columns(record_of(feedback, "challenge_analysis")),
                "risk_assessment": _risk_assessment_json(
                    latest_risk_assessment(feedback) if "risk_assessments" in held else None
                ),
                **_current_referral_json(referrals[-1] if referrals else None),
                "referrals": [_referral_json(referral) for referral in referrals],
                "decided_on": feedback.decided_on,
                "finding": _finding_json(feedback),
            },
            "remedies": rows(
                "remedies",
                lambda: list(self.remedies().values("remedy_type", "details", "severity_level", "amount", "out_of_range_reason")),
            ),
            "learning_points": [
                {
                    "kind": point.kind,
                    "text": point.text,
                    "service_model_section": point.service_model_section.name if point.service_model_section else "",
                    "charter_commitment": point.charter_commitment.number if point.charter_commitment else None,
                    "shared_with": point.shared_with,
                    "fed_back_to": name_of(point.fed_back_to),
                    "fed_back_at": point.fed_back_at,
                }
                for point in rows("learning_points", self.learning_points)
            ],
            **self._after_review_json(held),
            "follow_ups": [follow_up_json(contact) for contact in rows("follow_ups", self.follow_ups)],
            "created_at": feedback.created_at,
            "updated_at": feedback.updated_at,
        }

    def _after_review_json(self, held: frozenset[str]) -> dict:
        """What followed an upheld review (paras 57 to 73)."""
        proposal, quash = self.new_investigation, self.quash_proposal
        approvals = self.feedback.approvals.select_related("proposed_by", "decided_by") if "approvals" in held else []
        follow_ons = self.feedback.follow_on_cases.order_by("arranged_at", "id") if "follow_on_cases" in held else []
        return {
            "new_investigation": asdict(proposal) if proposal else None,
            "quash_proposal": asdict(quash) if quash else None,
            "approvals": [
                {
                    "subject": approval.subject,
                    "subject_label": approval.get_subject_display(),
                    "approver_role": approval.approver_role,
                    "summary": approval.summary,
                    "proposed_by": name_of(approval.proposed_by),
                    "proposed_at": approval.proposed_at,
                    "decided_by": name_of(approval.decided_by),
                    "decided_at": approval.decided_at,
                    "approved": approval.approved,
                    "reasons": approval.reasons,
                }
                for approval in approvals
            ],
            "follow_on_cases": [
                {
                    "kind": follow_on.kind,
                    "kind_label": follow_on.get_kind_display(),
                    "priority": follow_on.priority,
                    "summary": follow_on.summary,
                    "allocation_advice": follow_on.allocation_advice,
                    "new_reference": follow_on.new_reference or None,
                    "opened_on": follow_on.opened_on,
                    "arranged_at": follow_on.arranged_at,
                }
                for follow_on in follow_ons
            ],
        }


def _held_query(records: tuple[str, ...], pk: int) -> QuerySet:
    """Whether each of these records and every list of `JSON_LISTS` holds anything, as `held_<name>` in that order."""
    this = OuterRef("pk")
    asked = {}
    for name in records:
        related = getattr(FeedbackCase, name).related
        asked[f"held_{name}"] = Exists(related.related_model.objects.filter(**{related.field.name: this}))
    for name in JSON_LISTS:
        rel = getattr(FeedbackCase, name).rel
        asked[f"held_{name}"] = Exists(rel.related_model.objects.filter(**{rel.field.name: this}))
    return FeedbackCase.objects.filter(pk=pk).annotate(**asked).values_list(*asked)


def _held_in(records: tuple[str, ...], pk: int) -> dict[str, bool]:
    """`_held_query`, by `held_<name>`: twelve subqueries take Django longer to build and compile than
    the database to run, on every action, so its SQL is compiled once a process."""
    found = compiled.tuples(("held", records), lambda: _held_query(records, pk), pk=pk)
    if not found:
        raise FeedbackCase.DoesNotExist(f"No feedback {pk}")
    names = [f"held_{name}" for name in (*records, *JSON_LISTS)]
    return {name: bool(held) for name, held in zip(names, found[0], strict=True)}


def _columns(record, **computed) -> dict | None:
    """A typed record's own columns (the API's schema picks those it publishes), with computed ones;
    None when there is no record yet."""
    if record is None:
        return None
    own = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields if not (f.primary_key or f.is_relation)}
    return {**own, **computed}


def _grounds_json(feedback: FeedbackCase) -> dict | None:
    grounds = record_of(feedback, "grounds")
    if grounds is None:
        return None
    return _columns(grounds, ground_types=[item.ground_type for item in grounds.items.all()])


def _finding_json(feedback: FeedbackCase) -> dict | None:
    """OAT's review decision with the finding on each ground, or the manager's finding on a service complaint."""
    decision = record_of(feedback, "review_decision")
    if decision is not None:
        grounds = record_of(feedback, "grounds")
        found = dict(grounds.items.exclude(finding="").values_list("ground_type", "finding")) if grounds else {}
        return _columns(decision, grounds=found)
    return _columns(record_of(feedback, "service_finding"))


def _risk_assessment_json(assessment) -> dict | None:
    if assessment is None:
        return None
    return {
        "risk": assessment.risk,
        "assessment": assessment.assessment,
        "by": name_of(assessment.assessed_by),
        "on": assessment.assessed_on,
    }


def _current_referral_json(referral) -> dict:
    """The current referral's fields, kept at the top of `review` as before each referral had its own record."""
    return {
        "referred_on": referral.referred_on if referral else None,
        "oat_caseworker": name_of(referral.oat_caseworker) if referral else None,
        "oat_outcome": referral.outcome if referral else "",
        "oat_directions": referral.directions if referral else "",
    }


def _referral_json(referral) -> dict:
    return {
        "referred_on": referral.referred_on,
        "referred_by": name_of(referral.referred_by),
        "note": referral.note,
        "oat_caseworker": name_of(referral.oat_caseworker),
        "assigned_at": referral.assigned_at,
        "outcome": referral.outcome,
        "outcome_label": referral.get_outcome_display() if referral.outcome else "",
        "directions": referral.directions,
        "decided_on": referral.decided_on,
    }
