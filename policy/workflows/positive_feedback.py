"""Positive feedback, declared once (paragraphs 7 to 9).

Logging it saves it to the case and sets the case owner's manager a task with the subject
'positive feedback received' (paras 7, 8). The manager closes it only with a comment, which goes
to the caseworker with the Director of Operations, Legal & Clinical and the Chief Executive copied.
"""

from policy.facts import FeedbackKind, Role
from policy.workflows import Action, Field, State, Workflow, holding
from policy.workflows.holding import Holder

WORKFLOW = Workflow(
    FeedbackKind.POSITIVE,
    "Positive feedback",
    "awaiting_manager",
    (
        State(
            "awaiting_manager",
            "With the manager",
            "Saved to the case; the manager has a task to consider it (para 8)",
            holder=Holder.CASE_MANAGER,
            due=holding.FIRST_CONSIDERATION,
            suggested=("close_with_comment",),
        ),
        State("closed", "Closed", "The manager commented and closed the task (para 9)", terminal=True),
    ),
    (
        Action(
            "close_with_comment",
            "Comment and close",
            frozenset({"awaiting_manager"}),
            "closed",
            frozenset({Role.MANAGER}),
            ("9",),
            fields=(
                Field(
                    "comment",
                    "Your comments for the caseworker",
                    hint="Sent to the caseworker, copying the Director of Operations, Legal & Clinical and the Chief Executive",
                    required_by="9",
                    missing="Enter your comments on the feedback before closing the task",
                ),
            ),
        ),
    ),
    on_log="route_positive_feedback",
    on_log_by="8",
    others_by="9",  # the manager comments and closes it; nothing else is done with it
    complaint=False,
)
