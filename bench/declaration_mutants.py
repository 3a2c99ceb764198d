"""Mutants of the workflow declarations, which mutmut does not change (they are data, not code).

An ENFORCE rule is often kept by what an `Action` declares: who may take it (`roles`), from where
(`sources`), under which `guards`, with which required fields (`Field.required_by`), the letter it
sends and whether that letter ends the process, where it goes (`target`); and by the paragraph a
workflow cites to keep other kinds' actions off it (`others_by`). Each mutant breaks one of these
in the running process, and belongs to the ENFORCE paragraphs the action cites (with the field's
`required_by`). The use case that routes newly logged feedback (the workflow's `on_log`, citing
`on_log_by`) is broken two ways: it does nothing, or it routes the feedback as another kind would.

Used two ways: `mutants()` lists them for bench/mutation.py, and, loaded as a pytest plugin
(`-p declaration_mutants`, with bench/ on the path), it applies the mutant named in
`DECLARATION_MUTANT` before the tests run. The declared objects are frozen; the mutant changes
them in place so every holder of the object (several workflows share an action) sees the change.
"""

from __future__ import annotations

import os
from dataclasses import replace

from policy.facts import Role
from policy.workflows import Action, Workflow
from policy.workflows.registry import WORKFLOWS


def mutants(enforced: set[str]) -> dict[str, list[str]]:
    """Every declaration mutant touching one of these paragraphs, with those of them it belongs to."""
    found: dict[str, list[str]] = {}
    for workflow in WORKFLOWS.values():
        if workflow.others_by in enforced:
            found[f"{workflow.kind}:others_by"] = [workflow.others_by]
        if workflow.on_log_by in enforced:
            found[f"{workflow.kind}:route_nowhere"] = [workflow.on_log_by]
            found[f"{workflow.kind}:route_as_another_kind"] = [workflow.on_log_by]
        for action in workflow.actions:
            cited = [p for p in action.paragraphs if p in enforced]
            if not cited:
                continue
            at = f"{workflow.kind}.{action.name}"
            for index in range(len(action.guards)):
                found[f"{at}:drop_guard:{index}"] = cited
            for field in action.fields:
                if field.required_by:
                    found[f"{at}:not_required:{field.name}"] = list(
                        dict.fromkeys([*cited, field.required_by] if field.required_by in enforced else cited)
                    )
            if set(Role) - action.roles:
                found[f"{at}:every_role"] = cited
            if _another_open_state(workflow, action):
                found[f"{at}:add_source"] = cited
            if action.letter:
                found[f"{at}:no_letter"] = cited
                found[f"{at}:flip_ends_process"] = cited
            if action.target and _another_target(workflow, action):
                found[f"{at}:retarget"] = cited
    return found


def _another_open_state(workflow: Workflow, action: Action) -> str | None:
    return next((s.name for s in workflow.states if not s.terminal and s.name not in action.sources), None)


def _another_target(workflow: Workflow, action: Action) -> str | None:
    """A different state of the same kind (open if the target is open, terminal if it is terminal)."""
    terminal = workflow.state(action.target).terminal if action.target else False
    return next((s.name for s in workflow.states if s.terminal == terminal and s.name != action.target), None)


def apply(name: str) -> None:
    """Break the declaration as the mutant's name says."""
    where, operation, *argument = name.split(":")
    if operation in ("others_by", "route_nowhere", "route_as_another_kind"):
        _break_workflow(next(w for w in WORKFLOWS.values() if str(w.kind) == where), operation)
        return
    kind, action_name = where.split(".", 1)
    workflow = next(w for w in WORKFLOWS.values() if str(w.kind) == kind)
    action = workflow.action(action_name)
    if operation == "drop_guard":
        index = int(argument[0])
        _set(action, guards=action.guards[:index] + action.guards[index + 1 :])
    elif operation == "not_required":
        object.__setattr__(action.field(argument[0]), "required_by", None)
    elif operation == "every_role":
        _set(action, roles=frozenset(Role))
    elif operation == "add_source":
        _set(action, sources=action.sources | {_another_open_state(workflow, action)})
    elif operation == "no_letter":
        _set(action, letter=None)
    elif operation == "flip_ends_process":
        _set(action, letter=replace(action.letter, ends_process=not action.letter.ends_process))
    elif operation == "retarget":
        _set(action, target=_another_target(workflow, action))
    else:
        raise ValueError(f"Unknown declaration mutant {name}")


def _break_workflow(workflow: Workflow, operation: str) -> None:
    if operation == "others_by":
        object.__setattr__(workflow, "others_by", "-")
    elif operation == "route_as_another_kind":
        other = next(w for w in WORKFLOWS.values() if w.on_log != workflow.on_log)
        object.__setattr__(workflow, "on_log", other.on_log)
    else:  # the routing use case is replaced, in the one registry every caller reads, by one doing nothing
        from casework.effects import EFFECTS  # Django is set up (pytest-django) before plugins are configured

        EFFECTS[workflow.on_log] = lambda feedback, inputs, actor, today: None


def _set(action: Action, **changes: object) -> None:
    for attribute, value in changes.items():
        object.__setattr__(action, attribute, value)


def pytest_configure(config) -> None:  # noqa: ARG001 - the pytest hook's signature
    if name := os.environ.get("DECLARATION_MUTANT"):
        apply(name)
