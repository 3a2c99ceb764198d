"""A feedback case's correspondence both ways, in date order: the letters we wrote and what came in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils import timezone

from casework.models import FeedbackCase, InboundCorrespondence
from casework.read.presenters import CHANNEL_LABELS


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


@dataclass(frozen=True)
class Item:
    on: date
    direction: Direction
    party: str  # who it went to, or who it came from
    channel: str
    what: str
    letter_id: int | None = None
    attachment_id: int | None = None
    text: str = ""

    @property
    def label(self) -> str:
        return "Sent" if self.direction == Direction.OUTGOING else "Received"


def correspondence_history(feedback: FeedbackCase) -> list[Item]:
    sent = [
        Item(
            timezone.localdate(letter.created_at),
            Direction.OUTGOING,
            letter.addressee,
            "Letter",
            letter.subject,
            letter_id=letter.pk,
        )
        for letter in feedback.letters.all()
    ]
    received = [received_item(row) for row in feedback.correspondence.all()]
    return sorted(sent + received, key=lambda item: item.on)


def received_item(row: InboundCorrespondence) -> Item:
    channel = CHANNEL_LABELS.get(row.channel, row.channel)
    return Item(
        row.received_date, Direction.INCOMING, row.sender, channel, row.summary, attachment_id=row.attachment_id, text=row.text
    )
