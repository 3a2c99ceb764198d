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


class Conflict(Exception):
    """Someone else acted on the record after the person loaded it; nothing has been written.

    `latest` is the newest audit event on the record: who acted, when, and what they changed.
    """

    def __init__(self, reference: str, version: int, latest=None):
        self.reference = reference
        self.version = version
        self.latest = latest
        super().__init__(self.message)

    @property
    def changed(self) -> list[str]:
        """What the latest action changed, as `name: value` lines."""
        if self.latest is None:
            return []
        after = {**self.latest.after, **self.latest.after.get("inputs", {})}
        after.pop("inputs", None)
        return [f"{name.replace('_', ' ')}: {_short(value)}" for name, value in after.items() if value not in (None, "", [], {})]

    @property
    def message(self) -> str:
        if self.latest is None:
            return f"{self.reference} was changed by someone else after you opened it: check it and try again"
        when = self.latest.at.astimezone().strftime("%H:%M on %d %B %Y")
        return (
            f"{self.latest.actor_name} changed {self.reference} after you opened it "
            f"({self.latest.summary}, at {when}): check what they did and try again"
        )


def _short(value, limit: int = 120) -> str:
    text = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
