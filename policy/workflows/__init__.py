"""The workflow engine: each feedback kind declares its states and actions once, as data.

Everything else reads the declaration: which actions a person may take now, why the others
are closed (citing the paragraph), the forms, the API endpoints, the diagram and the policy
coverage table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from policy.decisions import Decision, Reason
from policy.facts import FeedbackFacts, FeedbackKind, Role
from policy.limits import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
from policy.workflows.holding import Due, Holder, Party

Guard = Callable[[FeedbackFacts], Decision]
Check = Callable[[FeedbackFacts, Mapping[str, Any], date], list[Reason]]


class FieldKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    CHOICE = "choice"
    CHOICES = "choices"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Field:
    """A fact an action captures. `required_by` names the paragraph that makes it required."""

    name: str
    label: str
    kind: FieldKind = FieldKind.LONG_TEXT
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    required_by: str | None = None
    missing: str = ""  # the error when it is required and missing, in the user's words
    choices_from: str = ""  # reference data an administrator keeps, offered through `register_choices`

    @property
    def required(self) -> bool:
        return self.required_by is not None

    @property
    def max_length(self) -> int | None:
        """The most characters a text answer may have; other kinds have none."""
        return {FieldKind.TEXT: TEXT_MAX_LENGTH, FieldKind.LONG_TEXT: LONG_TEXT_MAX_LENGTH}.get(self.kind)

    @property
    def offered(self) -> tuple[tuple[str, str], ...]:
        """The choices as they stand now: declared ones, or the named reference data's current rows."""
        if not self.choices_from:
            return self.choices
        if self.choices_from not in _CHOICE_SOURCES:
            raise LookupError(f"No source of choices named {self.choices_from!r} is registered")
        return tuple(_CHOICE_SOURCES[self.choices_from]())


ChoiceSource = Callable[[], Iterable[tuple[str, str]]]
_CHOICE_SOURCES: dict[str, ChoiceSource] = {}


def register_choices(name: str, source: ChoiceSource) -> None:
    """Name where a field's choices come from; the layer that keeps reference data registers it."""
    _CHOICE_SOURCES[name] = source


@dataclass(frozen=True)
class State:
    """A place the feedback can be. An open one names who holds it and when it falls due; a
    terminal one neither (nobody holds finished feedback)."""

    name: str
    label: str
    description: str = ""
    terminal: bool = False
    holder: Holder | None = None
    due: Due | None = None
    waiting_for: Party | None = None  # the holder watches for a reply from this party
    # The usual next steps from here, most usual first: the first one a person may take is offered
    # as the suggested next step. None where the guidance leaves an open choice.
    suggested: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.terminal and (self.holder or self.due or self.waiting_for or self.suggested):
            raise ValueError(f"State {self.name} is terminal: nobody holds it and it is not due")


@dataclass(frozen=True)
class ServiceUserLetter:
    """The letter an action sends the service user, from its template (reference data).
    `ends_process`: it ends a review path, so it must say our internal process has ended (para 74)."""

    template: str
    ends_process: bool = False


SAME_NAME = "="  # an action's effect is, unless declared otherwise, the function of the action's own name


@dataclass(frozen=True)
class Action:
    """One step of a workflow: who may take it, from where, to where, and under which rules."""

    name: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the action records something and the state stays as it is
    roles: frozenset[Role]
    paragraphs: tuple[str, ...]
    guards: tuple[Guard, ...] = ()
    fields: tuple[Field, ...] = ()
    check: Check | None = None
    guidance: str = ""
    becomes: FeedbackKind | None = None  # the feedback is reclassified and continues in that kind's workflow
    # What it does to the records beyond moving the state: the name of its effect, or None for nothing.
    effect: str | None = SAME_NAME
    letter: ServiceUserLetter | None = None
    roles_by: str | None = None  # the paragraph that gives the action to its roles (else its first)
    sources_by: str | None = None  # the paragraph that says where it can be taken (else its first)
    # Once `done` holds, taking the action again corrects what was recorded: it is offered as `again`,
    # never as the suggested next step.
    done: Callable[[FeedbackFacts], bool] | None = None
    again: str = ""
    confirm: str = ""  # it cannot be undone: this warning is shown, and confirmed, before it is taken

    def __post_init__(self) -> None:
        if self.effect == SAME_NAME:
            object.__setattr__(self, "effect", self.name)
        if bool(self.done) != bool(self.again):
            raise ValueError(f"Action {self.name}: an action that can be done already needs its label for doing it again")
        for paragraph in (self.roles_by, self.sources_by):
            if paragraph is not None and paragraph not in self.paragraphs:
                raise ValueError(f"Action {self.name}: paragraph {paragraph} is not among its paragraphs {self.paragraphs}")

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Workflow:
    kind: FeedbackKind
    title: str
    initial: str
    states: tuple[State, ...]
    actions: tuple[Action, ...]
    on_log: str  # the effect that routes newly logged feedback to whoever holds the initial state
    on_log_by: str  # the paragraph that routing keeps
    others_by: str  # the paragraph that keeps the other kinds' actions off this kind
    one: str = ""  # how one is spoken of, "a complaint about our decision"; the title in lower case if not given
    many: str = ""  # a heading over many, "Complaints about our decision"; the title if not given
    complaint: bool = True  # a complaint has a Judicial Review date and may be raised late (paras 2, 71)
    _index: dict[str, Action] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._index.update({action.name: action for action in self.actions})
        names = {state.name for state in self.states}
        for action in self.actions:
            unknown = (action.sources | {action.target or self.initial}) - names
            if unknown:
                raise ValueError(f"{self.kind}: action {action.name} names unknown states {sorted(unknown)}")
        for state in self.states:
            stray = [name for name in state.suggested if name not in {a.name for a in self.actions_from(state.name)}]
            if stray:
                raise ValueError(f"{self.kind}: state {state.name} suggests {stray}, which cannot be taken from it")

    def action(self, name: str) -> Action:
        return self._index[name]

    @property
    def log_label(self) -> str:
        return f"Log {self.one or self.title.lower()}"

    @property
    def plural(self) -> str:
        return self.many or self.title

    def has_action(self, name: str) -> bool:
        return name in self._index

    def state(self, name: str) -> State:
        return next(state for state in self.states if state.name == name)

    @property
    def terminal_states(self) -> frozenset[str]:
        return frozenset(state.name for state in self.states if state.terminal)

    @property
    def open_states(self) -> frozenset[str]:
        return frozenset(state.name for state in self.states if not state.terminal)

    @property
    def asks_for_grounds(self) -> bool:
        """Whether this kind asks for grounds by a recorded deadline (para 32)."""
        return any(state.due is not None and state.due.recorded for state in self.states)

    def states_held_by(self, *holders: Holder) -> frozenset[str]:
        return frozenset(state.name for state in self.states if state.holder in holders)

    def effects(self) -> set[str]:
        """Every effect this workflow names: its actions' and its routing of new feedback."""
        return {action.effect for action in self.actions if action.effect} | {self.on_log}

    def actions_from(self, state: str) -> list[Action]:
        return [action for action in self.actions if state in action.sources]


@dataclass(frozen=True)
class Option:
    """An action as one person sees it now: open, or closed with the reasons why."""

    action: Action
    decision: Decision

    @property
    def open(self) -> bool:
        return self.decision.allowed

    def done(self, facts: FeedbackFacts) -> bool:
        return bool(self.action.done and self.action.done(facts))

    def label(self, facts: FeedbackFacts) -> str:
        """How it is offered: as itself, or as correcting what was recorded once it is done."""
        return self.action.again if self.done(facts) else self.action.label


def evaluate(workflow: Workflow, action: Action, facts: FeedbackFacts, roles: Iterable[Role]) -> Decision:
    """May someone holding `roles` take `action` now? Refusals name the paragraph behind them."""
    if facts.state not in action.sources:
        state = workflow.state(facts.state)
        where = action.sources_by or action.paragraphs[0]
        return Decision.refuse(Reason(where, f"This cannot be done while the feedback is '{state.label}'"))
    if not action.roles & set(roles):
        who = " or ".join(role.label for role in sorted(action.roles))
        return Decision.refuse(Reason(action.roles_by or action.paragraphs[0], f"Only the {who} can do this"))
    decision = Decision.allow()
    for guard in action.guards:
        decision = decision & guard(facts)
    return decision


def options(workflow: Workflow, facts: FeedbackFacts, roles: Iterable[Role]) -> list[Option]:
    """Every action from the current state, open or closed, for someone holding `roles`."""
    held = set(roles)
    return [Option(action, evaluate(workflow, action, facts, held)) for action in workflow.actions_from(facts.state)]


def suggested(workflow: Workflow, facts: FeedbackFacts, offered: Iterable[Option]) -> Option | None:
    """The suggested next step: the first of the state's usual next steps that is open and not yet done."""
    open_now = {option.action.name: option for option in offered if option.open and not option.done(facts)}
    usual = workflow.state(facts.state).suggested
    return next((open_now[name] for name in usual if name in open_now), None)


def validate(action: Action, facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> Decision:
    """Are the facts captured for `action` complete and consistent? Each problem names its field."""
    refusals = [
        Reason(field.required_by, field.missing or f"Enter {field.label.lower()}", field=field.name)
        for field in action.fields
        if field.required_by and _is_blank(inputs.get(field.name))
    ]
    refusals += [
        Reason(
            field.required_by or action.paragraphs[0], f"Select one of the options offered for '{field.label}'", field=field.name
        )
        for field in action.fields
        if (field.choices or field.choices_from)
        and not _is_blank(inputs.get(field.name))
        and not _among_choices(field, inputs[field.name])
    ]
    refusals += [
        Reason(
            field.required_by or action.paragraphs[0],
            f"'{field.label}' is too long: {len(value):,} characters, where {field.max_length:,} is the most",
            field=field.name,
        )
        for field in action.fields
        if field.max_length and isinstance(value := inputs.get(field.name), str) and len(value) > field.max_length
    ]
    if not refusals and action.check:
        refusals = action.check(facts, inputs, today)
    return Decision.unless(refusals)


def _among_choices(field: Field, value: Any) -> bool:
    offered = {choice for choice, _ in field.offered}
    chosen = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    return all(str(choice) in offered for choice in chosen)


def _is_blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return not value
    return value is None
