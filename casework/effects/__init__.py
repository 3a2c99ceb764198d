"""What each declared action does to the records beyond moving the state.

Keyed by (feedback kind, action name). Called by `services.feedback.take_action` inside its
transaction, after the policy has allowed the action; never called from anywhere else.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from casework.effects import after_review, decision_complaint, decision_review, oat_review, service_feedback
from casework.models import FeedbackCase
from policy.facts import FeedbackKind

Effect = Callable[[FeedbackCase, dict[str, Any], Any, date], None]

EFFECTS: dict[tuple[FeedbackKind, str], Effect] = {
    **decision_complaint.EFFECTS,
    **decision_review.EFFECTS,
    **oat_review.EFFECTS,
    **after_review.EFFECTS,
    **service_feedback.EFFECTS,
}
