"""What follows an upheld review, declared once (paragraphs 57, 61 to 69, 72, 73).

A fresh primary investigation is arranged with shared services (para 57). A new detailed
investigation is proposed to both parties, their comments considered (paras 63, 64), approved
under the Delegation Scheme (para 73), then opened as a priority (paras 64, 65). A quash
proposal that meets the para 67 criteria goes to the Legal Team (para 68) and is decided by the
Ombudsman or a Deputy (para 69).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy import after_review, review
from policy.decisions import Reason
from policy.facts import FeedbackFacts, Role
from policy.workflows import Action, Field, FieldKind

OAT = frozenset({Role.OAT})
# Approvals are open to every role here: the Delegation Scheme (reference data) says whose they
# are, and the refusal names paras 69 or 73 for anyone else.
ANYONE = frozenset(Role)


def _check_comments(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return after_review.comments_refusals(facts, today)


def _check_quash(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return after_review.quash_criteria_refusals(inputs)


def _reasons(paragraph: str, label: str = "Reasons for the decision") -> Field:
    return Field("reasons", label, required_by=paragraph, missing="Enter the reasons for the decision")


def _criterion(name: str, label: str) -> Field:
    return Field(name, label, FieldKind.YES_NO, required_by="67", missing="Select yes or no for each criterion")


ACTIONS: tuple[Action, ...] = (
    Action(
        "arrange_fresh_investigation",
        "Arrange a fresh primary investigation",
        frozenset({"review_decided"}),
        "awaiting_new_case",
        OAT,
        ("57", "51"),
        guards=(review.assigned_to_you, after_review.fresh_investigation_chosen),
        fields=(
            Field(
                "summary",
                "The pro-forma: what the new investigation should look at",
                required_by="57",
                missing="Complete the pro-forma",
            ),
            Field(
                "allocation_advice",
                "Advice on allocation",
                required_by="57",
                missing="Enter your advice on who should be allocated the new case",
            ),
        ),
    ),
    Action(
        "propose_new_investigation",
        "Propose a new detailed investigation",
        frozenset({"review_decided"}),
        "new_investigation_proposed",
        OAT,
        ("62", "61", "63"),
        guards=(review.assigned_to_you, after_review.new_investigation_chosen),
        fields=(
            Field(
                "ground",
                "Why a new investigation is needed",
                FieldKind.CHOICE,
                choices=after_review.NEW_INVESTIGATION_GROUNDS,
                required_by="62",
                missing="Select the exceptional ground for a new detailed investigation",
            ),
            Field(
                "summary",
                "Summary of the complaint we propose to investigate",
                hint="This goes to the service user and the organisation complained about, inviting their comments",
                required_by="63",
                missing="Enter a summary of the complaint we propose to investigate",
            ),
        ),
        guidance="Only in exceptional circumstances (para 62).",
    ),
    Action(
        "record_comments",
        "Record a party's comments on the proposal",
        frozenset({"new_investigation_proposed"}),
        None,
        OAT,
        ("63", "64"),
        fields=(
            Field(
                "party",
                "Whose comments",
                FieldKind.CHOICE,
                choices=after_review.PARTIES,
                required_by="63",
                missing="Select whose comments these are",
            ),
            Field("comments", "Their comments", required_by="63", missing="Enter their comments"),
        ),
        roles_by="64",  # OAT (or the new case owner) consider the comments
    ),
    Action(
        "decide_to_proceed",
        "Go ahead: send for approval",
        frozenset({"new_investigation_proposed"}),
        "awaiting_approval",
        OAT,
        ("64", "72", "73"),
        fields=(
            Field(
                "consideration",
                "How you considered the comments",
                required_by="64",
                missing="Enter how you considered the parties' comments",
            ),
        ),
        check=_check_comments,
        guidance="The Ombudsman or a Deputy approves a new detailed investigation (para 73).",
    ),
    Action(
        "withdraw_new_investigation",
        "Do not go ahead",
        frozenset({"new_investigation_proposed"}),
        "review_decided",
        OAT,
        ("64",),
        fields=(_reasons("64", "Why we will not go ahead"),),
    ),
    Action(
        "approve_new_investigation",
        "Approve the new detailed investigation",
        frozenset({"awaiting_approval"}),
        "awaiting_new_case",
        ANYONE,
        ("73", "72", "64", "65"),
        guards=(after_review.may_approve,),
        fields=(_reasons("72"),),
        guidance="The new case is opened as a priority and its risk reassessed (paras 64, 65).",
    ),
    Action(
        "refuse_new_investigation",
        "Do not approve the new detailed investigation",
        frozenset({"awaiting_approval"}),
        "review_decided",
        ANYONE,
        ("73", "72"),
        guards=(after_review.may_approve,),
        fields=(_reasons("72"),),
    ),
    Action(
        "record_new_case",
        "Record the new case",
        frozenset({"awaiting_new_case"}),
        "review_decided",
        frozenset({Role.SHARED_SERVICES}),
        ("57", "64"),
        fields=(
            Field(
                "new_reference",
                "The new case's reference",
                FieldKind.TEXT,
                required_by="57",
                missing="Enter the new case's reference",
            ),
        ),
    ),
    Action(
        "propose_quash",
        "Propose quashing the report",
        frozenset({"review_decided"}),
        "with_legal_for_quash",
        OAT,
        ("67", "66", "68"),
        guards=(review.assigned_to_you, after_review.may_propose_quash),
        fields=(
            *(_criterion(name, label) for name, label in after_review.QUASH_CRITERIA),
            Field(
                "reasons",
                "Details of the case and why it meets these circumstances",
                hint="The Legal Team receive this with the proposal",
                required_by="68",
                missing="Enter why the report should be quashed",
            ),
        ),
        check=_check_quash,
        guidance="Only in exceptional circumstances, given the strong public interest in certainty (para 67).",
    ),
    Action(
        "give_quash_advice",
        "Give the Legal Team's view on quashing",
        frozenset({"with_legal_for_quash"}),
        "awaiting_quash_decision",
        frozenset({Role.LEGAL}),
        ("68", "69"),
        fields=(Field("advice", "The Legal Team's view", required_by="68", missing="Enter the Legal Team's view"),),
    ),
    Action(
        "quash_report",
        "Quash the report",
        frozenset({"awaiting_quash_decision"}),
        "review_decided",
        ANYONE,
        ("69", "72", "66"),
        guards=(after_review.may_approve,),
        fields=(_reasons("69"),),
        guidance="The report is treated as invalid, and every affected party is told (para 66).",
        confirm=(
            "Quashing the report cannot be undone: the report is treated as invalid and every affected party is told (para 66)."
        ),
    ),
    Action(
        "do_not_quash",
        "Do not quash the report",
        frozenset({"awaiting_quash_decision"}),
        "review_decided",
        ANYONE,
        ("69", "72"),
        guards=(after_review.may_approve,),
        fields=(_reasons("69"),),
    ),
)
