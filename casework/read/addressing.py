"""Who a letter goes to and how: the one place that reads a person's contact details.

Today a case records the service user's name only, so letters to them are printed and posted and
the author may give an email address when sending; once a person's record holds their address,
email and preferred channel, this function reads it and every letter follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.models import FeedbackCase, Letter


@dataclass(frozen=True)
class Recipient:
    name: str
    channel: str  # a Letter.Channel
    email: str = ""
    address: str = ""


def recipient_for(feedback: FeedbackCase, addressee: str) -> Recipient:
    """How to reach the addressee of a letter on this feedback."""
    return Recipient(name=addressee, channel=Letter.Channel.POST)
