"""Who a letter goes to and how: the one place that reads a person's contact details.

A service user is reached as their record says: by email when they prefer it and an address is
recorded, otherwise by post to their address; an organisation by email when we have one. Anyone else a letter names (a colleague, for the
file) gets it printed. The author can change the channel when sending.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.models import FeedbackCase, Letter, Organisation, ServiceUser
from casework.models.parties import ContactChannel


@dataclass(frozen=True)
class Recipient:
    name: str
    channel: str  # a Letter.Channel
    email: str = ""
    address: str = ""
    preferred_format: str = ""  # large print, Braille, ...: what the author must send


def recipient_for(feedback: FeedbackCase, addressee: ServiceUser | Organisation | str) -> Recipient:
    """How to reach the addressee of a letter on this feedback."""
    if not isinstance(addressee, ServiceUser | Organisation):
        return Recipient(name=addressee, channel=Letter.Channel.POST)
    preferred = getattr(addressee, "preferred_channel", ContactChannel.EMAIL)  # an organisation: email when we have it
    by_email = preferred == ContactChannel.EMAIL and bool(addressee.email)
    return Recipient(
        name=addressee.name,
        channel=Letter.Channel.EMAIL if by_email else Letter.Channel.POST,
        email=addressee.email,
        address=address_block(addressee),
        preferred_format=getattr(addressee, "preferred_format", ""),
    )


def address_block(party: ServiceUser | Organisation) -> str:
    return "\n".join(line.strip() for line in [*party.address_lines.splitlines(), party.postcode] if line.strip())
