"""What a use case raises when the guidance or the input stops it. Nothing has been written."""

from __future__ import annotations

from policy.decisions import Decision, Reason


class Refused(Exception):
    """The guidance or the input does not allow this; the reasons say why, with paragraphs."""

    def __init__(self, decision: Decision | None = None, *, reasons: tuple[Reason, ...] = ()):
        self.reasons = decision.reasons if decision is not None else reasons
        super().__init__("; ".join(str(reason) for reason in self.reasons))

    def field_errors(self) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        for reason in self.reasons:
            errors.setdefault(reason.field or "__all__", []).append(reason.text)
        return errors


class NotFound(Exception):
    """The record does not exist, or this person may not see it (the two look the same)."""
