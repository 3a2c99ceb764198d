"""Every declared workflow, by feedback kind."""

from policy.facts import FeedbackKind
from policy.workflows import Workflow
from policy.workflows.decision_complaint import WORKFLOW as DECISION_COMPLAINT

WORKFLOWS: dict[FeedbackKind, Workflow] = {
    DECISION_COMPLAINT.kind: DECISION_COMPLAINT,
}


def workflow_for(kind: FeedbackKind | str) -> Workflow:
    return WORKFLOWS[FeedbackKind(kind)]
