"""Random actions by random people through a complaint about our decision, checked after every step.

A Hypothesis state machine logs decision complaints on cases whose facts drive the rules (stage,
risk, supervision, MP, OAT-first, joint LGSCO, low-level injustice, an earlier review, a behaviour
restriction, Judicial Review in prospect, feedback raised late), takes each some way along the
workflow, then lets the case owner, a colleague, the manager and theirs, two OAT caseworkers,
Legal, the Ombudsman, the Joint Working Team, shared services and an outsider from another team try
declared actions (and some undeclared ones) with well-formed or careless inputs, on dates that
only move forward. After every step:

1. the feedback is in a state its workflow declares (the service complaint workflow once OAT's
   return has been reclassified, and the decision workflow again if it comes back);
2. a refused action (Refused or NotFound) changed nothing, and a refusal says why;
3. an accepted action wrote exactly one audit event, for that action, person and feedback;
4. the audit chain verifies;
5. an accepted action moved the feedback to its declared target (or left it where it was, or to the
   new workflow's first state when it reclassifies), and the declaration had opened it to that person.

The machine prefers actions that are open to someone now, with inputs that pass their checks, so
that it gets deep into the workflow; the states it reaches are recorded as Hypothesis events. It
reads the declaration, so actions added to the workflow are tried without changing this file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, ClassVar

import pytest
from django.db.models import Count
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test

from casework.models import AuditChainHead, Case, Event, FeedbackCase, Letter, StaffProfile, Task
from casework.models.audit import GENESIS
from casework.read import access
from casework.read.facts import feedback_facts
from casework.reference_defaults import SERVICE_MODEL_SECTIONS
from casework.services.audit import verify_chain
from casework.services.errors import NotFound, Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, ClosureReason, FeedbackFacts, FeedbackKind, Risk, Role, Stage
from policy.oat_advice import OatAdvice
from policy.review import FURTHER_WORK, GROUND_TYPES, Route
from policy.service_feedback import RemedyType
from policy.time_limits import SetAsideReason
from policy.workflows import Action, Field, FieldKind, Workflow, options
from policy.workflows.registry import WORKFLOWS, workflow_for
from tests.conftest import make_person
from tests.services.conftest import ACTIONABLE, GROUNDS, LEARNING, NO_TRIGGERS, PAYMENT, UPHELD

pytestmark = pytest.mark.django_db

DECISION_WORKFLOW = workflow_for(FeedbackKind.DECISION_COMPLAINT)
# Every name any workflow declares, so that each kind also has the other kinds' actions tried on it.
DECLARED = sorted({action.name for workflow in WORKFLOWS.values() for action in workflow.actions})
UNDECLARED = ("delete_feedback", "reopen", "oat_outcome_partly_upheld", "")
REVIEW_PATH = frozenset({"with_oat", "accepted_by_oat", "review_decided"})

TEXTS = (
    "The discharge letter of 3 March was overlooked",
    "We apologised for the delay and explained the decision again",
    "Mrs O'Brien asked for letters in large print",
    "Ward 7 — notes seen again, « verbatim »",
    "5",
)
# Blank, or not quite what was asked for: amounts that are not plain sums of money among them.
CARELESS_TEXTS = ("", "   ", "\n", *TEXTS, "0", "-250", "300.125", "£1,000", "NaN", "Infinity", "99999999999")
DAYS_PASSING = (0, 0, 0, 1, 1, 2, 3, 5, 8, 20)

# A head start: the way on from wherever the complaint is, taken in this order of preference,
# with inputs that pass. Each step goes through `take_action` and is checked like any other.
HEAD_START = {
    "record_legal_advice": {"advice": "Legal see no bar to a review"},
    "record_exceptional_reason": {"reason": "New evidence of a serious error came to light"},
    "agree_exceptional_review": {"note": "Exceptional: agreed"},
    "consider_late_feedback": {"reason": "The service user was in hospital"},
    "check_oat_advice_needed": NO_TRIGGERS,
    "request_oat_advice": {"question": "Should we review this?"},
    "record_oat_advice": {"decision": str(OatAdvice.AS_USUAL), "advice": "Consider it as usual"},
    "request_grounds": {},
    "record_grounds": GROUNDS,  # with the date they arrived: today
    "accept_in_time": {},
    "set_aside_time_limit": {"reason": str(SetAsideReason.ILLNESS)},
    "record_challenge_analysis": ACTIONABLE,
    "record_risk_assessment": {"risk": "low", "assessment": "No new risks to the service user"},
    "pass_to_oat": {"note": "OAT asked to see this first"},
    "refer_to_oat": {"summary": "The discharge letter was overlooked"},
    "take_referral": {},
    "oat_outcome_accepted": {"advice": "We will review it"},
    "record_review_decision": UPHELD,
    "offer_remedy": PAYMENT,
    "record_learning_point": LEARNING,
    "send_review_decision": {},
}


@dataclass(frozen=True)
class People:
    owner: Any  # cara, the case owner
    colleague: Any  # cass, another caseworker in the case owner's team
    manager: Any  # manny, the case owner's manager
    senior: Any  # ada, manny's line manager: where an escalated service complaint goes (para 15)
    oat: Any  # olive
    other_oat: Any  # orla
    lawyer: Any  # lena
    ombudsman: Any  # oscar
    joint_worker: Any  # jo, who sees joint LGSCO cases only
    shared_services: Any  # sam, who opens new cases (para 57)
    outsider: Any  # otto, a caseworker in Team B

    def everyone(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)


def rarely(weight: int = 5) -> st.SearchStrategy[bool]:
    """True about once in `weight` draws; shrinks to False."""
    return st.sampled_from((False,) * (weight - 1) + (True,))


CASE_TRAITS = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(Stage),
        "risk": st.sampled_from(Risk),
        "supervised": st.booleans(),
        "mp_involved": rarely(4),
        "reviews_go_to_oat_first": rarely(4),
        "joint_with_lgsco": rarely(6),
        "behaviour_restriction": rarely(4),
        "closure_reason": st.sampled_from(ClosureReason),  # one in six a low-level injustice (paras 3, 21)
        "decision_date": st.dates(date(2026, 1, 1), date(2027, 12, 31)),
        "history": st.sampled_from(((0, False), (0, False), (1, False), (1, True))),  # review_count, previous upheld
    }
)
RAISED_AFTER = st.integers(min_value=0, max_value=45)  # days after the decision: a third more than a month (para 2)


class DecisionComplaintMachine(RuleBasedStateMachine):
    """Random people try random actions on one or two decision complaints; see the module docstring."""

    people: ClassVar[People]
    make_case: ClassVar[Any]
    reached: ClassVar[set[tuple[str, str]]]
    # How each step picks its action: one open to someone now, anything declared, or nonsense.
    moves: ClassVar[tuple[str, ...]] = ("open",) * 7 + ("anything", "anything", "nonsense")
    # How it fills in the form: well, with one field careless, or carelessly throughout.
    input_modes: ClassVar[tuple[str, ...]] = ("well",) * 7 + ("one careless field",) * 2 + ("careless",)
    # How far along the way the first complaint is taken before the random steps (see HEAD_START).
    head_starts: ClassVar[tuple[int, ...]] = (20, 0, 4, 7, 10)

    def __init__(self) -> None:
        super().__init__()
        self.today = date(2026, 1, 1)
        self.complaints: list[int] = []
        self.taken: dict[int, Counter[str]] = {}
        self.seen_by: dict[int, tuple[int | None, frozenset[int]]] = {}
        self.last_event_id = 0
        self.last_hashes: dict[str, str] = {}  # each feedback case has its own chain

    # --- complaints -------------------------------------------------------------------------------

    @initialize(traits=CASE_TRAITS, raised_after=RAISED_AFTER, jr=rarely(5), data=st.data())
    def log_a_complaint(self, traits: dict, raised_after: int, jr: bool, data: st.DataObject) -> None:
        """Log a complaint and, so that the random steps start at every depth, take it some way along.

        On a plain case 4 steps reach 'under consideration', 7 'with OAT', 10 'review decided' and
        13 'closed: review decided'; the simplest example, which Hypothesis tries first, goes all the way.
        """
        check = verify_chain()
        assert check.intact, check.problem
        self._log(self._case(traits), raised_after, jr)
        for _ in range(data.draw(st.sampled_from(self.head_starts), label="head start")):
            feedback = self._fetch(self.complaints[0])
            workflow = workflow_for(feedback.kind)
            open_to = self._open_actions(workflow, feedback, feedback_facts(feedback))
            ways_on = [name for name in HEAD_START if name in open_to and not self.taken[feedback.pk][name]]
            if not ways_on:
                return
            name = ways_on[0]
            inputs = HEAD_START[name] | ({"received_date": self.today} if name == "record_grounds" else {})
            if not self._attempt(feedback, workflow, open_to[name][0], name, inputs, open_to):
                return

    @precondition(lambda self: len(self.complaints) < 2)
    @rule(same_case=st.booleans(), traits=CASE_TRAITS, raised_after=RAISED_AFTER, jr=rarely(5))
    def log_another_complaint(self, same_case: bool, traits: dict, raised_after: int, jr: bool) -> None:
        """A second complaint, on the same case (which may meanwhile have had its review: para 5) or another."""
        case = FeedbackCase.objects.get(pk=self.complaints[0]).case if same_case else self._case(traits)
        self._log(case, raised_after, jr)

    def _case(self, traits: dict) -> Case:
        traits = dict(traits)
        review_count, previous_review_upheld = traits.pop("history")
        return self.make_case(**traits, review_count=review_count, previous_review_upheld=previous_review_upheld)

    def _log(self, case: Case, raised_after: int, jr: bool) -> None:
        received = case.decision_date + timedelta(days=raised_after)
        self.today = max(self.today, received)
        new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, received, Channel.EMAIL, "I think your decision is wrong", "", jr)
        feedback = log_feedback(self.people.owner, case, new, self.today)
        self.complaints.append(feedback.pk)
        self.taken[feedback.pk] = Counter()
        last = Event.objects.order_by("-id").first()
        self.last_event_id, self.last_hashes[last.chain] = last.pk, last.hash
        self._reached(feedback.kind, feedback.state)

    # --- the step ---------------------------------------------------------------------------------

    @rule(data=st.data(), which=st.sampled_from((0, 0, 0, 1)))
    def someone_tries_something(self, data: st.DataObject, which: int) -> None:
        pk = self.complaints[which % len(self.complaints)]
        feedback = self._fetch(pk)
        self.today += timedelta(days=data.draw(st.sampled_from(DAYS_PASSING), label="days passing"))
        workflow = workflow_for(feedback.kind)
        facts = feedback_facts(feedback)
        open_to = self._open_actions(workflow, feedback, facts)

        move = data.draw(st.sampled_from(self.moves), label="move")
        if move == "open" and open_to:
            weights = {name: self._weight(workflow, workflow.action(name), pk) for name in sorted(open_to)}
            name = data.draw(st.sampled_from([name for name, weight in weights.items() for _ in range(weight)]), label="action")
            actor = data.draw(st.sampled_from(open_to[name]), label="actor")
        else:
            actor = data.draw(st.sampled_from(self.people.everyone()), label="actor")
            name = data.draw(st.sampled_from(UNDECLARED if move == "nonsense" else DECLARED), label="action")
        mode = data.draw(st.sampled_from(self.input_modes), label="inputs")
        inputs = self._inputs(data, workflow, name, replace(facts, acting_as=actor.username), mode)
        nowhere = move == "nonsense" and data.draw(st.booleans(), label="unknown reference")

        self._attempt(feedback, workflow, actor, name, inputs, open_to, "FB-999999" if nowhere else feedback.reference)

    def _attempt(self, feedback, workflow: Workflow, actor, name: str, inputs: dict, open_to: dict, reference: str = "") -> bool:
        """Try the action, and check what must hold whether it was refused or accepted."""
        before = self._everything(feedback)
        try:
            take_action(actor, reference or feedback.reference, name, inputs, self.today)
        except (Refused, NotFound) as refused:
            event(f"refused: {type(refused).__name__}")
            # 2. A refused action changed nothing, and a refusal says why, citing a paragraph.
            assert self._everything(feedback) == before, f"{actor.username} was refused {name!r} but something changed"
            if isinstance(refused, Refused):
                assert refused.reasons, f"{name!r} was refused without a reason"
                assert all(reason.paragraph and reason.text for reason in refused.reasons), refused.reasons
            return False
        self._accepted(feedback, workflow, actor, name, before, actor in open_to.get(name, ()))
        return True

    def _accepted(self, feedback: FeedbackCase, workflow: Workflow, actor, name: str, before: tuple, was_open: bool) -> None:
        action = workflow.action(name)
        event(f"accepted: {workflow.kind}.{name}")
        self.taken[feedback.pk][name] += 1
        # 5. Only someone the declaration opened the action to could take it.
        assert was_open, f"{actor.username} took {name!r} although the declaration did not open it to them"
        # 3. Exactly one audit event, for this action, person and feedback.
        written = list(Event.objects.filter(pk__gt=self.last_event_id).values_list("action", "actor_id", "feedback_case_id"))
        assert written == [(name, actor.pk, feedback.pk)], f"{name!r} wrote these audit events: {written}"
        # 5. The declared target; the new workflow's first state when it reclassifies; or where it was.
        kind_before, state_before = before[0]
        if action.becomes:
            expected = (action.becomes, workflow_for(action.becomes).initial)
        else:
            expected = (kind_before, action.target or state_before)
        after = FeedbackCase.objects.values_list("kind", "state").get(pk=feedback.pk)
        assert after == expected, f"{name!r} left it {after}, but the declaration says {expected}"
        self._reached(*after)
        self.the_audit_chain_verifies()  # 4., and from here the next action's events are counted

    # --- after every step -------------------------------------------------------------------------

    @invariant()
    def every_complaint_is_in_a_state_its_workflow_declares(self) -> None:
        for kind, state in FeedbackCase.objects.filter(pk__in=self.complaints).values_list("kind", "state"):
            declared = {declared.name for declared in workflow_for(kind).states}
            assert state in declared, f"a {kind} is in {state!r}, which its workflow does not declare"

    @invariant()
    def the_audit_chain_verifies(self) -> None:
        """Each new event follows the one before it in its chain and matches its hash, and each chain's
        head is its newest event.

        Checked from where the last step left off: with the whole chain verified when the example
        starts, that is the same as verifying it all, without re-reading every event at every step.
        The whole chain is verified again when the example ends.
        """
        for written in Event.objects.filter(pk__gt=self.last_event_id).order_by("id"):
            previous = self.last_hashes.get(written.chain, GENESIS)
            assert written.previous_hash == previous, f"event {written.pk} does not follow the one before it"
            assert written.compute_hash() == written.hash, f"event {written.pk} does not match its hash"
            self.last_event_id, self.last_hashes[written.chain] = written.pk, written.hash
        for chain, last in self.last_hashes.items():
            assert AuditChainHead.objects.get(chain=chain).last_hash == last, f"the head of {chain} is not its newest event"

    def teardown(self) -> None:
        check = verify_chain()
        assert check.intact, check.problem

    # --- helpers ----------------------------------------------------------------------------------

    def _fetch(self, pk: int) -> FeedbackCase:
        return FeedbackCase.objects.select_related("case", "case__team").get(pk=pk)

    def _reached(self, kind: str, state: str) -> None:
        event(f"reached: {kind}.{state}")
        self.reached.add((str(kind), state))

    def _open_actions(self, workflow: Workflow, feedback: FeedbackCase, facts: FeedbackFacts) -> dict[str, list]:
        """Each action open now, with the people (among those who can see the feedback) it is open to."""
        open_to: dict[str, list] = {}
        for person in self.people.everyone():
            if person.pk in self._seen_by(feedback):
                held = access.roles_on(person, feedback)
                for option in options(workflow, replace(facts, acting_as=person.username), held):
                    if option.open:
                        open_to.setdefault(option.action.name, []).append(person)
        return open_to

    def _seen_by(self, feedback: FeedbackCase) -> frozenset[int]:
        """Who can see the feedback at all; that changes only when a service complaint is escalated (para 15)."""
        handler, seen = self.seen_by.get(feedback.pk, (None, frozenset()))
        if not seen or handler != feedback.handling_manager_id:
            visible = access.visible_feedback
            seen = frozenset(person.pk for person in self.people.everyone() if visible(person).filter(pk=feedback.pk).exists())
            self.seen_by[feedback.pk] = (feedback.handling_manager_id, seen)
        return seen

    def _weight(self, workflow: Workflow, action: Action, pk: int) -> int:
        """Prefer moving somewhere new, then recording what has not been recorded yet; put off the ends."""
        if action.becomes:
            return 3
        if action.target and workflow.state(action.target).terminal:
            return 1
        if self.taken[pk][action.name]:
            return 1
        return 8 if action.target else 3

    def _inputs(self, data: st.DataObject, workflow: Workflow, name: str, facts: FeedbackFacts, mode: str) -> dict:
        if not workflow.has_action(name):
            return data.draw(st.sampled_from(({}, {"note": TEXTS[0]})), label="inputs")
        fields = workflow.action(name).fields
        inputs: dict[str, Any] = {}
        for field in fields:
            if mode == "careless":
                if data.draw(st.booleans(), label=f"{field.name} given"):
                    inputs[field.name] = data.draw(careless_value(field, self.today), label=field.name)
            elif field.required or data.draw(st.booleans(), label=f"{field.name} given"):
                inputs[field.name] = data.draw(plausible_value(field, self.today), label=field.name)
        if mode != "careless":
            inputs |= data.draw(consistent_inputs(name, facts, self.today), label="consistent inputs")
        if mode == "one careless field" and fields:
            # Mostly an optional field: a careless required one is simply refused as missing.
            field = data.draw(st.sampled_from([f for f in fields for _ in range(1 if f.required else 3)]), label="careless field")
            inputs[field.name] = data.draw(careless_value(field, self.today), label=field.name)
        return inputs

    def _everything(self, feedback: FeedbackCase) -> tuple:
        """What a refused action must leave as it was: how many audit events and letters there are,
        every field of the feedback and of its case, its tasks, remedies, learning points and reports
        (`footprint`'s checks and more, in fewer queries: this runs twice a step)."""
        row = (
            FeedbackCase.objects.filter(pk=feedback.pk)
            .annotate(
                remedy_count=Count("remedies", distinct=True),
                learning_count=Count("learning_points", distinct=True),
                report_count=Count("amended_reports", distinct=True),
            )
            .values()
            .get()
        )
        return (
            (row["kind"], row["state"]),
            (Event.objects.count(), Letter.objects.count()),
            row,
            Case.objects.filter(pk=row["case_id"]).values().get(),
            tuple(Task.objects.filter(feedback_case_id=feedback.pk).order_by("id").values_list()),
        )


# --- inputs -------------------------------------------------------------------------------------


def choice_values(field: Field) -> list[str]:
    return [str(value) for value, _ in field.offered]  # reference data as it stands in the database


def plausible_value(field: Field, today: date) -> st.SearchStrategy[Any]:
    """A well-formed value of the field's kind."""
    match field.kind:
        case FieldKind.TEXT | FieldKind.LONG_TEXT:
            return st.sampled_from(TEXTS)
        case FieldKind.DATE:
            return st.integers(min_value=-40, max_value=0).map(lambda days: today + timedelta(days=days))
        case FieldKind.CHOICE:
            return st.sampled_from(choice_values(field))
        case FieldKind.CHOICES:
            return st.lists(st.sampled_from(choice_values(field)), min_size=1, unique=True)
        case FieldKind.YES_NO:
            return st.booleans()
    raise AssertionError(field.kind)


def careless_value(field: Field, today: date) -> st.SearchStrategy[Any]:
    """Blank, missing, in the future, or not one of the options: what a hurried form or client sends."""
    match field.kind:
        case FieldKind.TEXT | FieldKind.LONG_TEXT:
            return st.sampled_from(CARELESS_TEXTS) | st.none()
        case FieldKind.DATE:
            return st.integers(min_value=-90, max_value=30).map(lambda days: today + timedelta(days=days)) | st.none()
        case FieldKind.CHOICE:
            return st.sampled_from([*choice_values(field), "bogus", ""]) | st.none()
        case FieldKind.CHOICES:
            return st.lists(st.sampled_from([*choice_values(field), "bogus"]), max_size=3)
        case FieldKind.YES_NO:
            return st.sampled_from((True, False, None))
    raise AssertionError(field.kind)


@st.composite
def consistent_inputs(draw, name: str, facts: FeedbackFacts, today: date) -> dict[str, Any]:
    """Values that also pass the action's own checks, so that the machine gets deep into the workflow."""
    text = st.sampled_from(TEXTS)
    match name:
        case "record_grounds":
            since = facts.received_date or today
            return {"received_date": since + timedelta(days=draw(st.integers(0, max(0, (today - since).days))))}
        case "extend_deadline":
            return {"new_deadline": (facts.grounds_deadline or today) + timedelta(days=draw(st.integers(1, 30)))}
        case "set_aside_time_limit":
            reason = draw(st.sampled_from(SetAsideReason))
            return {"reason": str(reason), **({"detail": draw(text)} if reason == SetAsideReason.OTHER else {})}
        case "record_oat_advice":
            allowed = [advice for advice in OatAdvice if advice != OatAdvice.NO_REVIEW or facts.case.risk == Risk.HIGH]
            return {"decision": str(draw(st.sampled_from(allowed)))}
        case "issue_amended_report":
            return {"inconsequential": True}
        case "record_challenge_analysis":
            likely = st.sampled_from((True, True, True, False))
            return {"is_challenge": draw(likely), "clear_evidence": draw(likely), "genuine_doubt": draw(likely)}
        case "check_oat_advice_needed":
            answers = ("jr_threat_or_unlawful_allegation", "brought_by_organisation", "specialist_subject")
            return {answer: draw(rarely(4)) for answer in answers}
        case "record_review_decision":
            findings = {f"finding_{ground}": None for ground, _ in GROUND_TYPES}
            findings |= {f"finding_{ground}": draw(st.sampled_from(("upheld", "not_upheld"))) for ground in facts.ground_types}
            if "upheld" not in findings.values():
                return findings | {"route": draw(st.sampled_from((None, "", str(Route.NO_FURTHER_WORK))))}
            routes = [str(route) for route in Route if facts.risk_assessed or route not in FURTHER_WORK]
            remedy = {part: draw(text) for part in ("remedy_analysis", "impact", "proportionality", "restoring_position")}
            return findings | remedy | {"route": draw(st.sampled_from(routes))}
        case "offer_remedy":
            remedy = draw(st.sampled_from(RemedyType))
            if remedy != RemedyType.FINANCIAL:
                return {"remedy_type": str(remedy), "severity_level": None, "amount": None}
            band = draw(st.sampled_from(facts.severity_scale))
            payment = {"remedy_type": str(remedy), "severity_level": str(band.level)}
            if draw(rarely(4)):  # outside the level's range, with the reason (para 60)
                above = int(band.maximum) + draw(st.integers(1, 5000))
                return payment | {"amount": str(above), "out_of_range_reason": draw(text)}
            return payment | {"amount": str(draw(st.integers(max(1, int(band.minimum)), int(band.maximum))))}
        case "record_learning_point":
            if draw(st.booleans()):
                commitment = str(draw(st.integers(1, 18)))
                return {
                    "kind": "individual",
                    "service_model_section": draw(st.sampled_from(SERVICE_MODEL_SECTIONS)),
                    "charter_commitment": commitment,
                }
            return {"kind": draw(st.sampled_from(("organisational", "good_practice")))}
    return {}


# --- running it ---------------------------------------------------------------------------------


@pytest.fixture
def people(caseworker, manager, oat, lawyer, ombudsman, joint_worker, outsider, team_a) -> People:
    senior = make_person("ada", Role.MANAGER)
    StaffProfile.objects.filter(user=manager).update(line_manager=senior)
    return People(
        owner=caseworker,
        colleague=make_person("cass", Role.CASEWORKER, team_a, manager),
        manager=manager,
        senior=senior,
        oat=oat,
        other_oat=make_person("orla", Role.OAT),
        lawyer=lawyer,
        ombudsman=ombudsman,
        joint_worker=joint_worker,
        shared_services=make_person("sam", Role.SHARED_SERVICES),
        outsider=outsider,
    )


def run(people: People, make_case, reached: set, machine: dict | None = None, **overrides) -> None:
    attributes = {"people": people, "make_case": staticmethod(make_case), "reached": reached, **(machine or {})}
    run_state_machine_as_test(
        type("Machine", (DecisionComplaintMachine,), attributes),
        settings=settings(
            deadline=None,
            database=None,
            print_blob=True,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            **overrides,
        ),
    )


def test_whoever_tries_whatever_the_complaint_stays_in_a_declared_state_and_the_audit_trail_stays_whole(people, make_case):
    run(people, make_case, set(), max_examples=20, stateful_step_count=20)


def test_on_a_fixed_seed_the_machine_gets_a_complaint_to_oat_and_closes_one(people, make_case):
    reached: set[tuple[str, str]] = set()

    only_open_actions = {"moves": ("open",), "input_modes": ("well",)}
    run(people, make_case, reached, only_open_actions, max_examples=4, stateful_step_count=10, derandomize=True)

    states = {state for kind, state in reached if kind == FeedbackKind.DECISION_COMPLAINT}
    closed = {state.name for state in DECISION_WORKFLOW.states if state.name.startswith("closed_")}
    assert states & REVIEW_PATH, sorted(reached)
    assert states & closed, sorted(reached)
