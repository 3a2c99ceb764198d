"""What a person is told once they have acted: what was recorded, what was sent, and who acts next
by when, read from the state's declared holder and due rule (see `holders.py`)."""

from __future__ import annotations

from collections.abc import Iterable

from casework.models import FeedbackCase, Letter
from casework.people import name_of
from casework.read.holders import holding
from policy.workflows.registry import workflow_for


def after_action(label: str, feedback: FeedbackCase, sent: Iterable[Letter]) -> str:
    letters = "; ".join(f"{letter.template.name} to {letter.addressee}" for letter in sent)
    return " ".join(part for part in (f"Done: {label}.", f"Sent: {letters}." if letters else "", who_acts_next(feedback)) if part)


def who_acts_next(feedback: FeedbackCase) -> str:
    """'It is now <state>: next, <person or queue>, by <date>.', or that it is closed."""
    state = workflow_for(feedback.kind).state(feedback.state)
    held = holding(feedback)
    if held is None:
        return f"It is now closed ({state.label}): nobody needs to act on it."
    who = name_of(held.person) if held.person else None
    holder = f"{who} ({held.holder.label.lower()})" if who else (held.queue.label if held.queue else held.holder.label)
    waiting = f", waiting to hear from {held.waiting_for}" if held.waiting_for else ""
    due = f", by {held.due:%-d %B %Y}" if held.due else ""
    return f"It is now ‘{state.label}’: next, {holder}{waiting}{due}."
