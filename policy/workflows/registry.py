"""Every declared workflow, by feedback kind."""

from policy.facts import FeedbackKind
from policy.workflows import Workflow
from policy.workflows.decision_complaint import WORKFLOW as DECISION_COMPLAINT
from policy.workflows.positive_feedback import WORKFLOW as POSITIVE_FEEDBACK
from policy.workflows.service_complaint import WORKFLOW as SERVICE_COMPLAINT

WORKFLOWS: dict[FeedbackKind, Workflow] = {
    workflow.kind: workflow for workflow in (DECISION_COMPLAINT, SERVICE_COMPLAINT, POSITIVE_FEEDBACK)
}


def workflow_for(kind: FeedbackKind | str) -> Workflow:
    return WORKFLOWS[FeedbackKind(kind)]
