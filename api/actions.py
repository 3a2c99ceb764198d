"""Actions as resources: what the caller may do now (and why not the rest), and one endpoint per
declared action.

The POST endpoints are generated from the workflow declarations in `policy.workflows.registry`:
adding an action to a declaration adds its endpoint, its request schema and its documentation.
Every input is optional here: whether a fact is required is the guidance's call, and a missing
one is refused by `policy.workflows.validate` citing its paragraph (422, naming the field).
"""

# No `from __future__ import annotations`: the generated views' annotations must be real classes.

from collections import defaultdict
from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router
from pydantic import BaseModel, BeforeValidator, ConfigDict, create_model
from pydantic import Field as InputField

from api.auth import caller
from api.feedback import render_feedback
from api.idempotency import run_once
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORISED,
    ActionsOut,
    FeedbackOut,
    Reference,
    ShortText,
    Text,
)
from api.versions import etag, if_match, tag
from casework.read import access
from casework.read.facts import feedback_facts
from casework.services.feedback import take_action
from policy.workflows import Action, Field, FieldKind, Workflow, options
from policy.workflows.registry import WORKFLOWS, workflow_for

router = Router(tags=["actions"])


@router.get(
    "/feedback/{reference}/actions",
    response={200: ActionsOut, **UNAUTHORISED, **NOT_FOUND},
    operation_id="list_feedback_actions",
)
def list_actions(request, reference: Reference, response: HttpResponse):
    """What you may do next on this feedback case, and the steps from here that are closed to you,
    each with the paragraph of the guidance that closes it. The `ETag` is the case's version: send it
    back as `If-Match` with an action so it is refused (412) if someone acts in between."""
    user = caller(request)
    feedback = access.feedback_for(user, reference)
    tag(response, feedback)
    workflow = workflow_for(feedback.kind)
    available, closed = [], []
    for option in options(workflow, feedback_facts(feedback, user), access.roles_on(user, feedback)):
        action = option.action
        if option.open:
            available.append(
                {
                    "name": action.name,
                    "label": action.label,
                    "paragraphs": list(action.paragraphs),
                    "guidance": action.guidance,
                    "fields": [_describe(field) for field in action.fields],
                }
            )
        else:
            closed.append(
                {
                    "name": action.name,
                    "label": action.label,
                    "paragraphs": list(action.paragraphs),
                    "reasons": [{"paragraph": r.paragraph, "message": r.text} for r in option.decision.reasons],
                }
            )
    return {"available": available, "closed": closed}


def _describe(field: Field) -> dict:
    return {
        "name": field.name,
        "label": field.label,
        "kind": field.kind.value,
        "hint": field.hint,
        "required": field.required,
        "required_by": field.required_by,
        "choices": [{"value": str(value), "label": label} for value, label in field.offered],
    }


# --- one POST operation per declared action ----------------------------------------------------


def _blank_is_missing(value: Any) -> Any:
    """An empty string for a date or a choice is a missing value, for the guidance to refuse."""
    return None if isinstance(value, str) and not value.strip() else value


def _annotation(field: Field) -> Any:
    if field.kind == FieldKind.TEXT:
        return ShortText | None
    if field.kind == FieldKind.LONG_TEXT:
        return Text | None
    if field.kind == FieldKind.DATE:
        python_type: Any = date
    elif field.kind == FieldKind.YES_NO:
        python_type = bool
    elif field.choices_from:  # reference data changes without a new schema: the use case checks the choice
        python_type = str if field.kind == FieldKind.CHOICE else list[str]
    elif field.kind in (FieldKind.CHOICE, FieldKind.CHOICES):
        values = tuple(str(value) for value, _ in field.choices)
        python_type = Literal[values] if field.kind == FieldKind.CHOICE else list[Literal[values]]  # type: ignore[valid-type]
    else:  # a new kind of field must be given its type here before it can be declared
        raise TypeError(f"No API type for field kind {field.kind!r}")
    return Annotated[python_type | None, BeforeValidator(_blank_is_missing)]


def _field_spec(field: Field) -> tuple[Any, Any]:
    description = field.hint
    if field.required_by:
        description = f"Required by para {field.required_by}. {description}".strip()
    return _annotation(field), InputField(default=None, title=field.label, description=description or None)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def input_model(declarations: list[tuple[Workflow, Action]]) -> type[BaseModel]:
    """The request body of one action: its declared fields, all optional, nothing else."""
    specs: dict[str, tuple[Any, Any]] = {}
    for _workflow, action in declarations:
        for field in action.fields:
            spec = _field_spec(field)
            if field.name in specs and specs[field.name][0] != spec[0]:
                raise TypeError(f"Action {action.name} declares field {field.name} with different kinds in different workflows")
            specs.setdefault(field.name, spec)
    kinds = "".join(_camel(workflow.kind) for workflow, _ in declarations)
    return create_model(
        f"{kinds}{_camel(declarations[0][1].name)}Input",
        __config__=ConfigDict(extra="forbid", title=f"{declarations[0][1].label}: input"),
        **specs,
    )


def _description(declarations: list[tuple[Workflow, Action]]) -> str:
    lines = []
    for workflow, action in declarations:
        paragraphs = ", ".join(action.paragraphs)
        roles = " or ".join(role.label for role in sorted(action.roles))
        sources = ", ".join(workflow.state(name).label for name in sorted(action.sources))
        target = workflow.state(action.target).label if action.target else "unchanged"
        lines.append(
            f"**{workflow.title}** (paragraphs {paragraphs} of the guidance). "
            f"Taken by the {roles}, from: {sources}; the state becomes: {target}."
        )
        if action.guidance:
            lines.append(action.guidance)
    lines.append(
        "Refused with 422 when the guidance does not allow it now or an input is missing or inconsistent; "
        "each error cites its paragraph and, where there is one, the field. "
        "Send the case's `ETag` as `If-Match` to have the action refused with 412 if anyone has acted since, "
        "and an `Idempotency-Key` so that a retry returns the first response instead of acting twice."
    )
    return "\n\n".join(lines)


def _add_action_operation(name: str, declarations: list[tuple[Workflow, Action]]) -> None:
    Payload = input_model(declarations)  # noqa: N806 - a class

    def take(request, reference: Reference, response: HttpResponse, payload: Payload = None):  # type: ignore[valid-type,assignment]
        inputs = payload.model_dump() if payload is not None else {}
        user = caller(request)

        def act(keep):
            def kept(feedback):
                keep(render_feedback(feedback), {"ETag": etag(feedback.version)})

            feedback = take_action(
                user, reference, name, inputs, timezone.localdate(), version=if_match(request), within=kept if keep else None
            )
            tag(response, feedback)
            return render_feedback(feedback)

        return run_once(request, user, response, FeedbackOut, act)

    take.__name__ = f"take_{name}"
    kinds = "_".join(workflow.kind.value for workflow, _ in declarations)
    router.add_api_operation(
        f"/feedback/{{reference}}/actions/{name}",
        ["POST"],
        take,
        response={200: FeedbackOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **PRECONDITION_FAILED, **INVALID},
        operation_id=f"take_action_{kinds}_{name}",
        summary=declarations[0][1].label,
        description=_description(declarations),
    )


def declared_actions() -> dict[str, list[tuple[Workflow, Action]]]:
    """Each action name, with every workflow that declares it (one endpoint serves them all)."""
    found: dict[str, list[tuple[Workflow, Action]]] = defaultdict(list)
    for workflow in WORKFLOWS.values():
        for action in workflow.actions:
            found[action.name].append((workflow, action))
    return dict(found)


for _name, _declarations in declared_actions().items():
    _add_action_operation(_name, _declarations)


@router.post("/feedback/{reference}/actions/{name}", include_in_schema=False)
def take_undeclared_action(request, reference: Reference, name: str):
    """An action no workflow declares: 404 if the feedback cannot be seen, otherwise 422 naming it."""
    return render_feedback(take_action(caller(request), reference, name, {}, timezone.localdate()))
