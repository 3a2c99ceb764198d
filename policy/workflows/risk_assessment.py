"""Paras 77 and 78: a risk assessment when we decide to do further work after a complaint.

The same action joins each workflow in which further work can be decided.
"""

from policy.facts import Risk, Role
from policy.workflows import Action, Field, FieldKind

RISK_LEVELS = tuple((risk.value, risk.value.capitalize()) for risk in Risk)


def risk_assessment_action(sources: frozenset[str], roles: frozenset[Role]) -> Action:
    return Action(
        "record_risk_assessment",
        "Record a risk assessment",
        sources,
        None,
        roles,
        ("77", "78"),
        fields=(
            Field("risk", "Risk now", FieldKind.CHOICE, choices=RISK_LEVELS, required_by="78", missing="Select the risk now"),
            Field("assessment", "The risk assessment", required_by="78", missing="Enter the risk assessment"),
        ),
        guidance="Carry out a risk assessment when we decide to do further work following a complaint (para 78).",
    )
