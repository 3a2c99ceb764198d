"""Every declared workflow, by feedback kind."""

from policy.decisions import Decision, Reason
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


def unavailable(workflow: Workflow, action_name: str) -> Decision:
    """Why an action this workflow does not declare cannot be taken: another kind's action cites the
    paragraph that keeps it off this kind (para 11: a service complaint is never reviewed)."""
    elsewhere = next((other for other in WORKFLOWS.values() if other.has_action(action_name)), None)
    if elsewhere is None:
        return Decision.refuse(Reason("-", f"There is no action '{action_name}' for {workflow.title.lower()}"))
    label = elsewhere.action(action_name).label
    return Decision.refuse(Reason(workflow.others_by, f"'{label}' is not done on a {workflow.title.lower()}"))
