"""The workflow of each feedback kind, drawn from its declaration."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from policy.workflows.registry import WORKFLOWS
from web.diagram import mermaid, svg


@login_required
def workflow_page(request, kind):
    workflow = WORKFLOWS.get(kind)
    if workflow is None:
        raise Http404("No such workflow")
    return render(
        request,
        "web/workflow.html",
        {"workflow": workflow, "svg": svg(workflow), "mermaid": mermaid(workflow), "workflows": list(WORKFLOWS.values())},
    )
