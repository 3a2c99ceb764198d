"""Decisions with reasons, each reason citing the paragraph of the guidance behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reason:
    """Why something is allowed, refused or flagged, in the user's words, with its paragraph."""

    paragraph: str
    text: str
    field: str | None = None  # the input the reason is about, when there is one

    def __str__(self) -> str:
        return f"{self.text} (para {self.paragraph})"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[Reason, ...] = ()

    @classmethod
    def allow(cls, *reasons: Reason) -> Decision:
        return cls(True, tuple(reasons))

    @classmethod
    def refuse(cls, *reasons: Reason) -> Decision:
        return cls(False, tuple(reasons))

    @classmethod
    def unless(cls, refusals: Iterable[Reason]) -> Decision:
        """Allowed when no refusal applies; otherwise refused with every one that does."""
        found = tuple(refusals)
        return cls(not found, found)

    def __and__(self, other: Decision) -> Decision:
        return Decision(self.allowed and other.allowed, self.reasons_if_refused() + other.reasons_if_refused())

    def reasons_if_refused(self) -> tuple[Reason, ...]:
        return () if self.allowed else self.reasons

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(reason.paragraph for reason in self.reasons)


ALLOWED = Decision(True)


@dataclass(frozen=True)
class Rule:
    """A registered rule: the function and the paragraphs it implements."""

    name: str
    paragraphs: tuple[str, ...]
    summary: str = field(default="")


RULES: dict[str, Rule] = {}


def rule(*paragraphs: str) -> Callable[[Callable], Callable]:
    """Register a rule function under the paragraphs it implements, for policy coverage."""

    def register(function: Callable) -> Callable:
        name = f"{function.__module__}.{function.__qualname__}"
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        RULES[name] = Rule(name, paragraphs, summary)
        function.paragraphs = paragraphs  # type: ignore[attr-defined]
        return function

    return register
