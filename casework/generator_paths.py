"""How each generated feedback case moves along its workflow: the paths, their odds and their words.

Part of the demo and benchmark data generator (`casework.generator`, whose docstring states the
assumptions). Each `Walk` takes one piece of feedback from its workflow's initial state through
the states the workflow declares, one step at a time, each a few working days after the last,
making the records the real actions would make (tasks, remedies, learning points, approvals, new
cases). A step that would fall after today raises `NotYet`: the feedback stays open where it got to.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.models import User
from django.db.models import Model
from django.db.models.base import ModelState

from casework.models import (
    Approval,
    Case,
    ChallengeAnalysis,
    ChallengeAnswers,
    FeedbackCase,
    FollowOnCase,
    Ground,
    Grounds,
    LearningPoint,
    NewInvestigationProposal,
    QuashProposal,
    Referral,
    Remedy,
    ReviewDecision,
    RiskAssessment,
    ServiceFinding,
    Task,
)
from policy import time_limits
from policy.after_review import QUASH_CRITERIA, ApprovalSubject
from policy.facts import ClosureReason, FeedbackKind, Risk, Role, Stage
from policy.learning import LearningKind
from policy.oat_advice import OatAdvice
from policy.review import GROUND_TYPES, OatOutcome, Route
from policy.service_feedback import RemedyType
from policy.workflows.registry import WORKFLOWS

if TYPE_CHECKING:
    from casework.generator import _Generator, _Rows

NEW_CASE_PREFIX = "GNC-"
M = TypeVar("M", bound=Model)
_DECISION, _SERVICE, _POSITIVE = FeedbackKind.DECISION_COMPLAINT, FeedbackKind.SERVICE_COMPLAINT, FeedbackKind.POSITIVE

GROUND_WEIGHTS = {"overlooked": 45, "inaccurate_facts": 30, "new_information": 25}
OAT_OUTCOMES = (
    (OatOutcome.ACCEPTED, 70),
    (OatOutcome.CRITERIA_NOT_MET, 18),
    (OatOutcome.MORE_INFORMATION, 6),
    (OatOutcome.FURTHER_WORK, 4),
    (OatOutcome.OTHER, 2),
)
REVIEW_UPHELD = 0.22
UPHELD_ROUTES = (
    (Route.REMEDY, 45),
    (Route.FINANCIAL_REMEDY, 30),
    (Route.NO_FURTHER_WORK, 15),
    (Route.FRESH_PRIMARY, 8),
    (Route.NEW_DETAILED, 2),
)
SEVERITY_WEIGHTS = {1: 40, 2: 33, 3: 18, 4: 6, 5: 2, 6: 1}
SERVICE_MODEL_SECTIONS = (
    "Section 1 Assessing the complaint (para 1.10)",
    "Section 2 Contacting the complainant (para 2.140)",
    "Section 3 Deciding the scope of the investigation (para 3.30)",
    "Section 4 Gathering evidence (para 4.20)",
    "Section 5 Clinical advice (para 5.15)",
    "Section 6 Making a decision (para 6.40)",
    "Section 7 Recommending a remedy (para 7.10)",
)
# Service Charter commitment number: weight. Most learning is about keeping people updated (4),
# gathering the evidence (8), explaining the decision (11) and giving it as soon as we can (13).
CHARTER_WEIGHTS = dict(zip(range(1, 19), (2, 5, 1, 12, 8, 5, 2, 14, 7, 3, 14, 8, 12, 4, 1, 1, 4, 1), strict=True))

SAID = {
    _DECISION: (
        "Writes that our decision is wrong.",
        "Says we overlooked the medical records they sent.",
        "Says the report gets the dates of treatment wrong.",
        "Disagrees with our decision not to investigate.",
        "Sends new evidence from a consultant.",
        "Says our clinical adviser misunderstood the complaint.",
    ),
    _SERVICE: (
        "Waited months for a call back that never came.",
        "The caseworker was curt on the phone.",
        "Was not kept updated for four months.",
        "Our letters were not in the large print they asked for.",
        "We lost documents they sent us.",
        "It took over a year to reach a decision.",
    ),
    _POSITIVE: (
        "Thank you for explaining everything so clearly.",
        "Grateful for the caseworker's patience.",
        "Thanks us for the apology the trust has now made.",
        "Says the caseworker kept them updated throughout.",
    ),
}
LEARNING = {
    LearningKind.INDIVIDUAL: (
        "Evidence sent with the complaint was not considered before the decision",
        "The service user was not updated for several months",
        "The decision letter did not explain how we reached the decision",
        "The scope of the investigation was not agreed with the service user",
    ),
    LearningKind.ORGANISATIONAL: (
        "Our guidance does not say how to handle evidence sent after the draft decision",
        "The template letter does not explain the review criteria",
    ),
    LearningKind.GOOD_PRACTICE: (
        "A clear explanation that resolved the complaint without a review",
        "Reasonable adjustments agreed early and kept to",
    ),
}
REMEDY_DETAILS = {
    RemedyType.APOLOGY: "An apology for the failings found",
    RemedyType.EXPLANATION: "A further explanation of how we reached the decision",
    RemedyType.SERVICE_IMPROVEMENT: "A change to how the team keeps service users updated",
    RemedyType.FINANCIAL: "A payment for the distress and inconvenience caused",
}


def build(model: type[M], parents: dict[str, Model], **values) -> M:
    """A new row without `Model.__init__`, which costs more than all the rest of making a generated
    row: each field its default, then `values` (by attribute name, such as `case_owner_id`), and
    `parents`, rows of this batch not yet written, whose ids are filled in when they are."""
    if model not in _DEFAULTS:
        fields = model._meta.concrete_fields
        _DEFAULTS[model] = (
            {f.attname: f.get_default() for f in fields if not (f.has_default() and callable(f.default))},
            [(f.attname, f.default) for f in fields if f.has_default() and callable(f.default)],  # such as dict
        )
    fixed, made = _DEFAULTS[model]
    obj = model.__new__(model)
    obj._state = ModelState()
    obj.__dict__.update(fixed)
    obj.__dict__.update((name, make()) for name, make in made)
    obj.__dict__.update(values)
    obj._state.fields_cache.update(parents)
    return obj


_DEFAULTS: dict[type, tuple[dict, list]] = {}


class NotYet(Exception):
    """The next step would fall after today: the feedback stays where it has got to."""


class Walk:
    """One piece of feedback walked along its workflow until it closes or reaches today."""

    def __init__(self, g: _Generator, rows: _Rows, case: Case, kind: FeedbackKind, received: date) -> None:
        self.g, self.rows, self.case = g, rows, case
        self.rng: random.Random = g.rng
        self.owner, self.manager = g.staff.users[case.case_owner_id], g.staff.users[case.manager_id]
        self.day = received
        moment = g.at(received)
        self.fb = build(
            FeedbackCase,
            {"case": case},
            reference=g.next_feedback_reference(),
            kind=kind,
            state=WORKFLOWS[kind].initial,
            received_date=received,
            channel=g.pick("channel"),
            received_by_id=case.case_owner_id,
            summary=f"{case.service_user}: {self.rng.choice(SAID[kind])}",
            reasonable_adjustments="Large print letters, phone calls in the afternoon" if g.chance(0.08) else "",
            created_at=moment,
            updated_at=moment,
        )
        rows.feedback.append(self.fb)
        self.open: list[Task] = []
        self.answers: ChallengeAnswers | None = None
        self.grounds: list[Ground] = []

    # -- the clock and the tasks

    def after(self, low: int, high: int) -> date:
        """The next step, `low` to `high` days on (on a working day); NotYet if that is after today."""
        day = self.g.working(self.day + timedelta(days=self.rng.randint(low, high)))
        if day > self.g.today:
            raise NotYet
        self.day = day
        self.fb.updated_at = self.g.at(day)
        return day

    def task(self, code: str, subject: str, role: Role, assignee: User | None = None, due: date | None = None) -> Task:
        if code != "review_positive_feedback":  # para 8 fixes that subject
            subject = f"{subject} ({self.case.reference})"
        task = build(
            Task,
            {"feedback_case": self.fb},
            code=code,
            subject=subject,
            assigned_role=role,
            assigned_to_id=assignee.pk if assignee else None,
            due_date=due,
            created_at=self.fb.updated_at,
        )
        self.open.append(task)
        self.rows.tasks.append(task)
        return task

    def close_tasks(self, *codes: str, by: User | None) -> None:
        for task in [task for task in self.open if not codes or task.code in codes]:
            task.status, task.closed_by_id, task.closed_at = Task.Status.DONE, by.pk if by else None, self.fb.updated_at
            self.open.remove(task)

    def move(self, state: str, low: int, high: int) -> date:
        day = self.after(low, high)
        self.fb.state = state
        return day

    def walk(self) -> None:
        path = {_DECISION: self.decision_complaint, _SERVICE: self.service_complaint, _POSITIVE: self.positive}
        try:
            path[FeedbackKind(self.fb.kind)]()
        except NotYet:
            pass

    # -- records

    def remedy(self, kind: RemedyType, by: User) -> None:
        level = amount = None
        if kind == RemedyType.FINANCIAL:
            level = self.g.pick("severity")
            low, high = self.g.severity[level]
            step = Decimal(25 if high <= 1000 else 50)
            drawn = (Decimal(self.rng.uniform(float(low), float(high))) / step).quantize(Decimal(1)) * step
            amount = min(high, max(low, step, drawn))  # never a payment of nothing
        self.rows.remedies.append(
            build(
                Remedy,
                {"feedback_case": self.fb},
                remedy_type=kind,
                details=REMEDY_DETAILS[kind],
                severity_level=level,
                amount=amount,
                offered_by_id=by.pk,
                offered_at=self.fb.updated_at,
            )
        )

    def learning_point(self, by: User, kind: LearningKind | None = None, fed_back_to: User | None = None) -> None:
        kind = kind or self.rng.choices(list(LearningKind), weights=(60, 25, 15))[0]
        linked = kind == LearningKind.INDIVIDUAL or self.g.chance(0.3)
        commitment = self.g.pick("charter") if linked and self.g.tables["charter"][0] else None
        shared = f"{fed_back_to.get_full_name()} (line manager)" if fed_back_to else "The team's operations manager"
        self.rows.learning.append(
            build(
                LearningPoint,
                {"feedback_case": self.fb},
                kind=kind,
                text=self.rng.choice(LEARNING[kind]),
                service_model_section=self.rng.choice(SERVICE_MODEL_SECTIONS) if linked else "",
                charter_commitment_id=commitment,
                shared_with=shared,
                fed_back_to_id=fed_back_to.pk if fed_back_to else None,
                fed_back_at=self.fb.updated_at if fed_back_to else None,
                recorded_by_id=by.pk,
                recorded_at=self.fb.updated_at,
            )
        )

    def record(self, model: type[M], parents: dict[str, Model] | None = None, **values) -> M:
        """A typed record of this feedback (or of a parent record of it), written with the batch."""
        record = build(model, parents or {"feedback_case": self.fb}, **values)
        self.rows.records.append(record)
        return record

    def risk_assessment(self, by: User) -> None:
        self.record(
            RiskAssessment,
            risk=self.case.risk,
            assessment="No new risk identified; the service user is supported",
            assessed_by_id=by.pk,
            assessed_on=self.day,
        )

    # -- positive feedback (paras 7 to 9)

    def positive(self) -> None:
        manager = self.manager
        self.task("review_positive_feedback", "positive feedback received", Role.MANAGER, manager)
        self.move("closed", 2, 20)
        self.fb.outcome_note = "Thank you: shared with the team, copying the Director and the Chief Executive."
        self.close_tasks(by=manager)

    # -- complaints about our service (paras 10 to 19)

    def service_complaint(self) -> None:
        fb, manager = self.fb, self.manager
        fb.handling_manager_id = manager.pk
        self.task("resolve_service_complaint", "Resolve the complaint about our service", Role.MANAGER, manager)
        if self.late_feedback(manager):
            return
        self.move("resolution_attempted", 2, 15)
        fb.resolution_attempt = "Called the service user, apologised and explained what happens next"
        if self.g.chance(0.05):
            self.after(1, 10)
            handler = self.g.staff.line_manager.get(manager.pk, manager)
            fb.handling_manager_id = handler.pk
            self.close_tasks(by=manager)
            self.task("resolve_service_complaint", "Escalated complaint about our service", Role.MANAGER, handler)
        if self.g.chance(0.04):
            self.after(1, 5)
            fb.oat_advice_question = "Is the delay a service failing we should remedy?"
            self.task("oat_service_advice", "Advice on a complaint about our service", Role.OAT)
            self.after(2, 10)
            fb.oat_advice = "Yes: consider a remedy for the delay"
            self.close_tasks("oat_service_advice", by=self.rng.choice(self.g.staff.oat))
        handler, outcome = self.g.staff.users[fb.handling_manager_id], self.rng.random()
        if outcome < 0.45:
            self.move("closed_resolved", 1, 10)
            fb.outcome_note = "Resolved: the service user is content with the apology and explanation"
        elif outcome < 0.52:
            self.move("closed_unresolved", 5, 30)
            fb.outcome_note = "Closed without resolution: nothing more we can reasonably do"
        else:
            self.move("finding_recorded", 5, 25)
            upheld = self.g.chance(0.45)
            self.record(
                ServiceFinding,
                what_happened="We did not call back as promised",
                what_should_have_happened="A call within a week",
                difference="Weeks of waiting without news",
                upheld=upheld,
                found_by_id=manager.pk,
            )
            if upheld:
                self.risk_assessment(handler)
                self.after(0, 5)
                for kind in self.service_remedies():
                    self.remedy(kind, handler)
                self.move("closed_upheld", 1, 10)
                fb.outcome_note = "Upheld: recorded as a service review"
                if self.g.chance(0.5):
                    self.learning_point(handler)
            else:
                self.move("closed_not_upheld", 1, 10)
                fb.outcome_note = "Not upheld"
        self.close_tasks(by=handler)

    def service_remedies(self) -> list[RemedyType]:
        kinds = [RemedyType.APOLOGY] if self.g.chance(0.8) else [RemedyType.EXPLANATION]
        if self.g.chance(0.25):
            kinds.append(RemedyType.SERVICE_IMPROVEMENT)
        if self.g.chance(0.15):
            kinds.append(RemedyType.FINANCIAL)
        return kinds

    def late_feedback(self, by: User) -> bool:
        """Para 2: raised more than a month after the decision; half are not considered."""
        waited = self.fb.received_date - self.case.decision_date
        if waited.days < 28 or time_limits.raised_late(self.case.decision_date, self.fb.received_date) is None:
            return False  # no month is shorter than 28 days: only a longer wait needs the calendar
        self.after(1, 5)
        if self.g.chance(0.5):
            self.fb.late_feedback_decision = "Considered although raised late: the service user was in hospital"
            return False
        self.fb.state = "not_considered"
        self.fb.late_feedback_decision = self.fb.outcome_note = "Not considered, raised too late: no reason given for the delay"
        self.close_tasks(by=by)
        return True

    # -- complaints about our decision (paras 20 to 78)

    def decision_complaint(self) -> None:
        fb, case, owner = self.fb, self.case, self.owner
        self.task("consider_complaint", "Consider the complaint about our decision", Role.CASEWORKER, owner)
        fb.jr_in_prospect = self.g.chance(0.01)
        if fb.jr_in_prospect:
            self.task("legal_advice", "Advice needed: Judicial Review in prospect", Role.LEGAL)
        if self.late_feedback(owner):
            return
        if case.behaviour_restriction:
            self.move("declined_for_behaviour", 1, 10)
            fb.outcome_note = "Declined under the unacceptable behaviour policy"
            return self.close_tasks(by=owner)
        if case.joint_with_lgsco:
            self.move("with_joint_working", 1, 5)
            self.close_tasks(by=owner)
            self.task("joint_working", "Joint LGSCO decision complaint", Role.JOINT_WORKING)
            self.after(5, 30)
            return self.close_tasks(by=None)  # by the Joint Working Team
        if case.closure_reason == ClosureReason.LOW_LEVEL_INJUSTICE:
            self.move("closed_not_eligible", 1, 10)
            fb.outcome_note = "Closed as a low-level injustice: no review available"
            return self.close_tasks(by=owner)
        self.after(1, 5)
        self.answers = self.record(
            ChallengeAnswers,
            jr_threat_or_unlawful_allegation=fb.jr_in_prospect,
            brought_by_organisation=False,
            specialist_subject=self.g.chance(0.03),
            answered_by_id=owner.pk,
        )
        if fb.jr_in_prospect:
            self.after(2, 15)
            fb.legal_advice = "Review the decision first; the claim is weak"
            self.close_tasks("legal_advice", by=self.g.staff.legal)
        advice = self.oat_advice()
        if advice == OatAdvice.NO_REVIEW:
            self.move("closed_no_review", 1, 10)
            fb.outcome_note = "No review: OAT advised against one on this high-risk case"
            return self.close_tasks(by=owner)
        if self.g.chance(0.25):
            return self.resolve(3, 25)
        self.move("grounds_requested", 0, 5)
        fb.grounds_deadline = time_limits.grounds_deadline(case.decision_date, self.g.calendar, self.g.rolls)
        self.close_tasks("consider_complaint", by=owner)
        self.task("grounds_due", "Grounds due", Role.CASEWORKER, owner, due=fb.grounds_deadline)
        if self.g.chance(0.1):  # no grounds come: the case owner closes it some weeks after the deadline
            wait = max(0, (fb.grounds_deadline - self.day).days)
            self.move("closed_resolved", wait + 20, wait + 60)
            fb.outcome_note = "Resolved by the case owner: no grounds received, and the service user told the complaint is closed"
            return self.close_tasks(by=owner)
        if self.g.chance(0.08):
            received = fb.grounds_deadline + timedelta(days=self.rng.randint(1, 20))
        else:
            received = self.day + timedelta(days=self.rng.randint(0, max(0, (fb.grounds_deadline - self.day).days)))
        wait = max(0, (received - self.day).days)
        self.move("grounds_received", wait, wait)
        fb.grounds_received_date = self.day
        late = fb.grounds_received_date > fb.grounds_deadline
        values, cumulative = self.g.tables["ground"]
        types = self.rng.choices(values, cum_weights=cumulative, k=self.rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
        grounds = self.record(
            Grounds,
            why_wrong="The decision did not take account of what I sent",
            what_they_want="Look at it again",
            recorded_by_id=owner.pk,
        )
        self.grounds = [self.record(Ground, {"grounds": grounds}, ground_type=g) for g, _ in GROUND_TYPES if g in types]
        self.close_tasks("grounds_due", by=owner)
        self.task("time_limit", "Check the grounds against the deadline", Role.CASEWORKER, owner, due=self.day)
        if advice == OatAdvice.CONSIDER_WITHIN_OAT:
            self.after(0, 5)
            self.close_tasks(by=owner)
            return self.refer(owner, passed_straight=True)
        if late:
            self.move("explanation_invited", 0, 3)
            self.close_tasks(by=owner)
            self.task("late_explanation", "Decide on the late grounds", Role.CASEWORKER, owner, due=self.day + timedelta(days=14))
            self.after(10, 20)
            if self.g.chance(0.35):
                self.fb.state, fb.outcome_note = "declined_for_time", "Late without a reasonable explanation"
                return self.close_tasks(by=owner)
            fb.outcome_note = "Time limit set aside: Illness"
            self.fb.state = "under_consideration"
        else:
            self.move("under_consideration", 0, 3)
        self.close_tasks(by=owner)
        self.consider(owner)

    def oat_advice(self) -> str:
        """Paras 26 to 29: OAT's advice when a criterion applies or the case is high risk."""
        case, fb = self.case, self.fb
        needed = (
            case.risk != Risk.LOW
            or case.mp_involved
            or case.reviews_go_to_oat_first
            or self.answers.specialist_subject
            or self.answers.jr_threat_or_unlawful_allegation
        )
        if not needed:
            return ""
        self.after(0, 3)
        fb.oat_advice_question = "The case was medium or high risk: how should we handle the complaint?"
        self.task("oat_advice", "Advice on a complaint about our decision", Role.OAT)
        self.after(2, 12)
        if case.risk == Risk.HIGH and self.g.chance(0.35):
            choice = OatAdvice.NO_REVIEW
        elif case.reviews_go_to_oat_first or self.g.chance(0.2):
            choice = OatAdvice.CONSIDER_WITHIN_OAT
        else:
            choice = self.rng.choice((OatAdvice.AS_USUAL, OatAdvice.FURTHER_OVERSIGHT))
        fb.oat_advice_decision, fb.oat_advice = choice, "Advice recorded by OAT"
        self.close_tasks("oat_advice", by=self.rng.choice(self.g.staff.oat))
        return choice

    def resolve(self, low: int, high: int) -> None:
        self.move("closed_resolved", low, high)
        self.fb.outcome_note = "Resolved by the case owner: explained how we reached the decision"
        self.close_tasks(by=self.owner)

    def consider(self, owner: User) -> None:
        """Paras 38 to 46: the pro-forma analysis and what follows from it."""
        fb = self.fb
        self.after(3, 15)
        outcome = self.rng.random()
        actionable = outcome >= 0.5
        genuine_doubt = actionable and self.g.chance(0.4)
        self.record(
            ChallengeAnalysis,
            is_challenge=actionable or self.g.chance(0.5),
            clear_evidence=actionable,
            genuine_doubt=genuine_doubt,
            analysed_by_id=owner.pk,
        )
        if outcome < 0.4:
            self.move("closed_not_actionable", 0, 5)
            fb.outcome_note = "No further action: not an actionable challenge"
            return self.close_tasks(by=owner)
        if outcome < 0.5:
            return self.resolve(2, 20)
        if genuine_doubt and self.case.stage == Stage.PRIMARY and self.g.chance(0.5):
            self.risk_assessment(owner)
            self.move("case_owner_acted", 1, 10)
            self.task("reconsider_decision", "Reconsider the primary decision", Role.MANAGER, self.manager)
            self.task("refer_to_oat", "Refer to OAT now you have acted", Role.CASEWORKER, owner)
            self.after(2, 20)
            self.close_tasks(by=owner)
        elif self.g.chance(0.15):
            self.move("case_owner_acted", 1, 10)
            self.task("refer_to_oat", "Refer to OAT now you have acted", Role.CASEWORKER, owner)
            self.after(1, 10)
            self.close_tasks(by=owner)
        else:
            self.after(1, 10)
        self.refer(owner)

    def refer(self, owner: User, passed_straight: bool = False, again: bool = False) -> None:
        """Paras 46 to 48: the referral waits for an OAT caseworker, who records one of six outcomes."""
        fb = self.fb
        fb.state = "with_oat"
        referral = self.record(Referral, referred_on=self.day, referred_by_id=owner.pk)
        task = self.task(
            "oat_review", "Review request passed straight to OAT" if passed_straight else "Review referral", Role.OAT
        )
        self.after(2, 40)
        oat = self.rng.choice(self.g.staff.oat)
        referral.oat_caseworker_id = task.assigned_to_id = oat.pk
        referral.assigned_at = self.fb.updated_at
        self.after(2, 20)
        outcome = self.g.pick("oat")
        if again and outcome not in (OatOutcome.ACCEPTED, OatOutcome.CRITERIA_NOT_MET):
            outcome = OatOutcome.ACCEPTED
        referral.outcome, referral.directions, referral.decided_on = outcome, "OAT's advice on the referral", self.day
        self.close_tasks(by=oat)
        if outcome == OatOutcome.CRITERIA_NOT_MET:
            fb.state = "closed_criteria_not_met"
            fb.outcome_note = f"Review criteria not met. Follow-up questions go to {owner.get_full_name()}."
            return
        if outcome != OatOutcome.ACCEPTED:
            fb.state = "returned_by_oat"
            self.task("oat_directions", "Returned to caseworker", Role.CASEWORKER, owner)
            self.move("under_consideration", 7, 30)
            fb.outcome_note = "Acted on OAT's directions"
            self.close_tasks(by=owner)
            self.after(2, 10)
            return self.refer(owner, again=True)
        fb.state = "accepted_by_oat"
        self.task("oat_decide_review", "Decide the review", Role.OAT, oat)
        self.review(oat)

    def review(self, oat: User) -> None:
        """Paras 51 to 60: a finding on each ground, the route, remedies and learning, then the decision."""
        fb = self.fb
        upheld = self.g.chance(REVIEW_UPHELD)
        route = self.g.pick("route") if upheld else Route.NO_FURTHER_WORK
        if route in (Route.REMEDY, Route.FINANCIAL_REMEDY, Route.FRESH_PRIMARY, Route.NEW_DETAILED):
            self.after(5, 40)
            self.risk_assessment(oat)
        self.move("review_decided", 10, 90)
        fb.decided_on = self.day
        for ground in self.grounds:
            ground.finding = "not_upheld"
        if upheld:
            for ground in self.rng.sample(self.grounds, self.rng.randint(1, len(self.grounds))):
                ground.finding = "upheld"
        decision = self.record(
            ReviewDecision,
            upheld=upheld,
            route=route,
            handling_feedback="A clear analysis",
            proportionate=True,
            decided_by_id=oat.pk,
        )
        if upheld:
            decision.remedy_analysis = "Put right what the failing caused"
            decision.impact = "Avoidable distress"
            decision.proportionality = "Proportionate to the injustice"
            decision.restoring_position = "As far as it can"
            self.after(0, 10)
            if route == Route.REMEDY:
                for kind in self.rng.sample([RemedyType.APOLOGY, RemedyType.EXPLANATION, RemedyType.SERVICE_IMPROVEMENT], 2):
                    self.remedy(kind, oat)
            elif route == Route.FINANCIAL_REMEDY:
                self.remedy(RemedyType.FINANCIAL, oat)
                if self.g.chance(0.7):
                    self.remedy(RemedyType.APOLOGY, oat)
            line_manager = self.g.staff.line_manager.get(self.case.case_owner_id)
            for _ in range(self.rng.choices((1, 2), weights=(75, 25))[0]):
                self.learning_point(oat, fed_back_to=line_manager)
            if route == Route.FRESH_PRIMARY:
                self.fresh_investigation(oat)
            elif route == Route.NEW_DETAILED:
                self.new_investigation(oat)
            elif self.g.chance(0.03):
                self.quash(oat)
        elif self.g.chance(0.1):
            self.learning_point(
                oat, LearningKind.GOOD_PRACTICE, fed_back_to=self.g.staff.line_manager.get(self.case.case_owner_id)
            )
        self.move("closed_reviewed", 2, 20)
        fb.outcome_note = "Review upheld" if upheld else "Review not upheld"
        self.case.review_count, self.case.previous_review_upheld = 1, upheld
        self.close_tasks(by=oat)

    def follow_on(self, kind: str, oat: User) -> FollowOnCase:
        follow_on = build(
            FollowOnCase,
            {"original_case": self.case, "feedback_case": self.fb},
            kind=kind,
            priority=kind != Route.FRESH_PRIMARY,
            summary="Investigate the complaint again",
            arranged_by_id=oat.pk,
            arranged_at=self.fb.updated_at,
        )
        self.rows.follow_ons.append(follow_on)
        self.task("open_new_case", "Open the new investigation", Role.SHARED_SERVICES)
        return follow_on

    def open_new_case(self, follow_on: FollowOnCase) -> None:
        self.move("review_decided", 3, 20)
        follow_on.new_reference = NEW_CASE_PREFIX + self.fb.reference.split("-", 1)[1]
        follow_on.opened_on = self.day
        self.close_tasks("open_new_case", by=self.g.staff.shared_services)

    def fresh_investigation(self, oat: User) -> None:
        self.move("awaiting_new_case", 1, 10)
        follow_on = self.follow_on(Route.FRESH_PRIMARY, oat)
        follow_on.allocation_advice = "Allocate to a caseworker outside the original team"
        self.open_new_case(follow_on)

    def new_investigation(self, oat: User) -> None:
        """Paras 61 to 64, 73: proposed, commented on, approved (or not) by the Delegation Scheme's approver."""
        fb = self.fb
        self.move("new_investigation_proposed", 1, 10)
        deadline = self.day + timedelta(days=14)
        self.record(
            NewInvestigationProposal,
            ground="significant_new_information",
            summary="Investigate the complaint again",
            comment_deadline=deadline,
            proposed_by_id=oat.pk,
        )
        self.task("consider_comments", "Consider the comments on the proposed new investigation", Role.OAT, oat, due=deadline)
        self.move("awaiting_approval", 15, 25)
        self.close_tasks("consider_comments", by=oat)
        approved = self.approval(ApprovalSubject.NEW_DETAILED_INVESTIGATION, oat)
        if approved:
            self.fb.state = "awaiting_new_case"
            self.open_new_case(self.follow_on(Route.NEW_DETAILED, self.g.staff.ombudsman))
        else:
            fb.state = "review_decided"

    def quash(self, oat: User) -> None:
        """Paras 66 to 69: Legal give their view, then the Ombudsman decides (rarely to quash)."""
        fb = self.fb
        self.move("with_legal_for_quash", 1, 10)
        held = ("missed_or_new_evidence", "no_other_way")
        proposal = self.record(
            QuashProposal,
            reasons="The report is significantly wrong",
            proposed_by_id=oat.pk,
            **{name: name in held for name, _ in QUASH_CRITERIA},
        )
        self.task("quash_legal", "Proposal to quash the report", Role.LEGAL)
        self.move("awaiting_quash_decision", 5, 20)
        proposal.legal_advice, proposal.legal_advice_by_id = "The criteria appear to be met", self.g.staff.legal.pk
        self.close_tasks("quash_legal", by=self.g.staff.legal)
        if self.approval(ApprovalSubject.QUASH, oat, approve=0.2):
            self.case.report_quashed, self.case.quashed_on = True, self.day
        fb.state = "review_decided"

    def approval(self, subject: ApprovalSubject, proposer: User, approve: float = 0.85) -> bool:
        """An approval under the Delegation Scheme; raises NotYet while it waits."""
        role = self.g.approver[subject]
        approval = build(
            Approval,
            {"feedback_case": self.fb},
            subject=subject,
            approver_role=role,
            summary="See the proposal",
            proposed_by_id=proposer.pk,
            proposed_at=self.fb.updated_at,
        )
        self.rows.approvals.append(approval)
        self.task(f"approve_{subject}", "Approval needed", role)
        self.after(3, 20)
        approver = self.g.staff.ombudsman
        approval.decided_by_id, approval.decided_at, approval.approved = approver.pk, self.fb.updated_at, self.g.chance(approve)
        approval.reasons = "Agreed" if approval.approved else "Not justified on the evidence"
        self.close_tasks(f"approve_{subject}", by=approver)
        return approval.approved
