"""What each declared action does to the records beyond moving the state, by the effect name the
declaration gives it, and how newly logged feedback is routed (each workflow's `on_log`).

Called by `services.feedback` inside its transaction, after the policy has allowed the action;
never called from anywhere else. Checked both ways on import: every effect a declaration names
has a function, and every function is named by a declaration, so a misspelt name cannot move the
state and silently do nothing else.
"""

from casework.effects import after_review, decision_complaint, decision_review, oat_review, service_feedback
from casework.effects.base import Effect
from policy.workflows.registry import WORKFLOWS

_MODULES = (decision_complaint, decision_review, oat_review, after_review, service_feedback)


def _registry() -> dict[str, Effect]:
    effects: dict[str, Effect] = {}
    for module in _MODULES:
        for name, effect in module.EFFECTS.items():
            if name in effects:
                raise ImportError(f"Two effects are named '{name}'")
            effects[name] = effect
    declared = set().union(*(workflow.effects() for workflow in WORKFLOWS.values()))
    missing, unnamed = sorted(declared - effects.keys()), sorted(effects.keys() - declared)
    if missing:
        raise ImportError(f"Declared effects with no function: {', '.join(missing)}")
    if unnamed:
        raise ImportError(f"Effects no declared action or workflow names: {', '.join(unnamed)}")
    return effects


EFFECTS: dict[str, Effect] = _registry()
