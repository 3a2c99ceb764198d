"""The workflow of each feedback kind, drawn from its declaration; and one case's place in it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from casework.read.access import feedback_for
from policy.workflows import Workflow
from policy.workflows.registry import WORKFLOWS, workflow_for
from web.diagram import general_actions, mermaid, svg
from web.views.common import not_found_is_404


@login_required
def workflow_page(request, kind):
    workflow = WORKFLOWS.get(kind)
    if workflow is None:
        raise Http404("No such workflow")
    return render(request, "web/workflow.html", _drawn(workflow))


@login_required
@not_found_is_404
def feedback_workflow_page(request, reference):
    feedback = feedback_for(request.user, reference)
    workflow = workflow_for(feedback.kind)
    return render(
        request,
        "web/workflow.html",
        {**_drawn(workflow, feedback.state), "feedback": feedback, "current": workflow.state(feedback.state)},
    )


def _drawn(workflow: Workflow, current: str | None = None) -> dict:
    label = {state.name: state.label for state in workflow.states}
    rows = [
        {
            "action": action,
            "sources": sorted(label[name] for name in action.sources),
            "target": label[action.target] if action.target else "",
        }
        for action in workflow.actions
    ]
    return {
        "workflow": workflow,
        "svg": svg(workflow, current),
        "mermaid": mermaid(workflow),
        "workflows": list(WORKFLOWS.values()),
        "rows": rows,
        "general": [row for row in rows if row["action"] in general_actions(workflow)],
    }
