"""Contact after the end of our internal process (para 75): logged on the closed feedback, which
stays closed. Whether and how to respond is decided case by case, and recorded with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from casework.models import FeedbackCase, FollowUpContact
from casework.read import access
from casework.services.audit import record_event
from casework.services.errors import Conflict, Refused
from casework.services.intake import FOLLOW_UP_FIELDS, input_refusals
from policy.decisions import Reason
from policy.facts import Channel, Role
from policy.workflows.registry import workflow_for

# The people who work on feedback and so hear from the service user afterwards.
WORKING_ROLES = frozenset({Role.CASEWORKER, Role.MANAGER, Role.OAT})

NOT_ENDED = "Follow-up contact is logged once our process has ended; until then, record it on the feedback itself"


def follow_up_refusals(actor, feedback: FeedbackCase) -> list[Reason]:
    """Someone working on the feedback logs follow-up contact, and only once our process has ended."""
    if not access.roles_on(actor, feedback) & WORKING_ROLES:
        return [Reason("75", "Only the case owner's team, their manager or OAT can log follow-up contact")]
    if not workflow_for(feedback.kind).state(feedback.state).terminal:
        return [Reason("75", NOT_ENDED)]
    return []


def log_follow_up(
    actor,
    reference: str,
    received_date: date | None,
    channel,
    summary: str,
    response: str,
    today: date,
    *,
    version: int | None = None,
    within: Callable[[FollowUpContact], None] | None = None,
) -> FollowUpContact:
    """Log contact received after our process ended, with what we decided to do about it. The
    feedback is not reopened: its state, its record and its version are left as they are.

    `version` is the feedback's version the person logged it from: if anyone has acted on the
    feedback since, nothing is written (Conflict). `within` runs last, inside the transaction.
    """
    with transaction.atomic(durable=True):
        feedback = access.visible_feedback(actor).select_for_update(of=("self",)).filter(reference=reference).first()
        if feedback is None:
            access.feedback_for(actor, reference)  # raises NotFound
        if version is not None and version != feedback.version:
            raise Conflict(feedback.reference, feedback.version, feedback.events.order_by("-id").first())
        said = {"received_date": received_date, "channel": channel, "summary": summary}
        problems = follow_up_refusals(actor, feedback) or input_refusals(FOLLOW_UP_FIELDS, said, today)
        if problems:
            raise Refused(reasons=tuple(problems))
        contact = FollowUpContact.objects.create(
            feedback_case=feedback,
            received_date=received_date,
            channel=Channel(channel).value,
            summary=summary.strip(),
            response=response.strip(),
            logged_by=actor,
            logged_at=timezone.now(),
        )
        record_event(
            actor,
            "log_follow_up",
            f"Logged follow-up contact received {received_date:%-d %B %Y} (para 75)",
            feedback_case=feedback,
            after={
                "follow_up_id": contact.pk,
                "received_date": contact.received_date,
                "channel": contact.channel,
                "summary": contact.summary,
                "response": contact.response,
            },
        )
        if within is not None:
            within(contact)
    return contact
