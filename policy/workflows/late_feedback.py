"""Para 2: feedback raised more than a month after the decision may not be considered.

The same two actions join each workflow that receives complaints.
"""

from policy import time_limits
from policy.facts import Role
from policy.workflows import Action, Field, ServiceUserLetter


def late_feedback_actions(
    sources: frozenset[str], roles: frozenset[Role], closed_state: str, letter: ServiceUserLetter
) -> tuple[Action, ...]:
    """`letter` tells the service user we will not consider it, with our reasons."""
    return (
        Action(
            "consider_late_feedback",
            "Consider it although it was raised late",
            sources,
            None,
            roles,
            ("2",),
            guards=(time_limits.late_feedback_undecided,),
            fields=(
                Field(
                    "reason",
                    "Why we will consider it",
                    required_by="2",
                    missing="Enter why we will consider it although it was raised late",
                ),
            ),
        ),
        Action(
            "decline_late_feedback",
            "Do not consider it: raised too late",
            sources,
            closed_state,
            roles,
            ("2",),
            guards=(time_limits.late_feedback_undecided,),
            fields=(
                Field(
                    "reason",
                    "Why we will not consider it",
                    hint="These are given in the letter to the service user",
                    required_by="2",
                    missing="Enter why we will not consider it",
                ),
            ),
            letter=letter,
        ),
    )
