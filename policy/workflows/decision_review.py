"""The case owner's part of a complaint about our decision, declared once.

Resolving it first (paras 23 to 25), asking OAT for advice when the guidance says so (26 to 29),
the pro-forma analysis of the grounds and what follows from it (38 to 46), and the risk
assessment before further work (77, 78).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy import eligibility, oat_advice, review
from policy.decisions import Reason
from policy.facts import FeedbackFacts, Role
from policy.workflows import Action, Field, FieldKind, ServiceUserLetter
from policy.workflows.risk_assessment import risk_assessment_action

CASE_OWNER = frozenset({Role.CASEWORKER})
REVIEWERS = frozenset({Role.CASEWORKER, Role.MANAGER, Role.OAT})

BEFORE_REFERRAL = frozenset({"received", "grounds_requested", "grounds_received", "explanation_invited", "under_consideration"})
# Where the case owner is still working the complaint, before OAT accept it (para 50).
CASE_OWNER_STATES = BEFORE_REFERRAL | {"case_owner_acted", "returned_by_oat"}
OPEN_STATES = CASE_OWNER_STATES | {"with_oat", "accepted_by_oat", "review_decided"}


def _check_amended_report(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return review.amended_report_refusals(inputs)


def _check_oat_advice(facts: FeedbackFacts, inputs: Mapping[str, Any], today: date) -> list[Reason]:
    return oat_advice.advice_refusals(facts, inputs["decision"])


def _yes_no(name: str, label: str, paragraph: str, hint: str = "") -> Field:
    return Field(name, label, FieldKind.YES_NO, hint=hint, required_by=paragraph, missing=f"Select yes or no: {label.lower()}")


ACTIONS: tuple[Action, ...] = (
    Action(
        "resolve_by_case_owner",
        "Close: resolved by the case owner",
        CASE_OWNER_STATES,
        "closed_resolved",
        CASE_OWNER,
        ("23", "24", "41"),
        guards=(eligibility.not_joint_with_lgsco,),
        fields=(
            Field(
                "note",
                "How it was resolved",
                hint="What you explained or clarified, and that the service user considers it resolved",
                required_by="24",
                missing="Enter how the complaint was resolved",
            ),
        ),
        guidance="Try first to resolve it with more information about how and why we reached the decision (paras 23, 41).",
    ),
    Action(
        "issue_amended_report",
        "Issue an amended report",
        frozenset({"received", "under_consideration"}),
        None,
        CASE_OWNER,
        ("25",),
        guards=(eligibility.not_joint_with_lgsco,),
        fields=(
            Field("what_changed", "What changed in the report", required_by="25", missing="Enter what changed in the report"),
            _yes_no(
                "inconsequential",
                "The mistakes would not have had any impact on our decision",
                "25",
                "For example, a misspelt name or an unimportant date",
            ),
        ),
        check=_check_amended_report,
        guidance="The amended report keeps the original issue date (para 25).",
    ),
    Action(
        "record_adjustments",
        "Record reasonable adjustments",
        OPEN_STATES,
        None,
        REVIEWERS,
        ("31", "52"),
        fields=(
            Field(
                "adjustments",
                "Reasonable adjustments",
                hint="For example, we write down a challenge given to us by phone",
                required_by="31",
                missing="Enter the reasonable adjustments",
            ),
        ),
    ),
    Action(
        "check_oat_advice_needed",
        "Check whether OAT's advice is needed",
        BEFORE_REFERRAL,
        None,
        CASE_OWNER,
        ("26",),
        guards=(eligibility.not_joint_with_lgsco,),
        fields=(
            _yes_no(
                "jr_threat_or_unlawful_allegation",
                "Is there a credible threat of Judicial Review or a reasonable allegation that we acted unlawfully?",
                "26",
            ),
            _yes_no(
                "brought_by_organisation",
                "Is an organisation bringing the challenge?",
                "26",
                "If so, consider first whether it is a compliance issue for that escalation process",
            ),
            _yes_no(
                "specialist_subject",
                "Did the case need specialist knowledge?",
                "26",
                "For example, an organisation we receive few complaints about",
            ),
        ),
        guidance="The case's risk, MP involvement, earlier upheld review and OAT-first flag are read from the records (para 26).",
        done=lambda facts: facts.challenge_answers is not None,
        again="Change the answers on whether OAT's advice is needed",
    ),
    Action(
        "request_oat_advice",
        "Ask OAT for advice",
        BEFORE_REFERRAL,
        None,
        CASE_OWNER,
        ("27", "29"),
        guards=(oat_advice.advice_can_be_requested, eligibility.not_joint_with_lgsco),
        fields=(
            Field(
                "question",
                "What you would like OAT's advice on",
                required_by="27",
                missing="Enter what you would like OAT's advice on",
            ),
        ),
    ),
    Action(
        "record_oat_advice",
        "Give OAT's advice",
        BEFORE_REFERRAL,
        None,
        frozenset({Role.OAT}),
        ("27", "29"),
        guards=(oat_advice.advice_can_be_given,),
        fields=(
            Field(
                "decision",
                "How the complaint should be handled",
                FieldKind.CHOICE,
                choices=oat_advice.OAT_ADVICE_CHOICES,
                required_by="27",
                missing="Select how the complaint should be handled",
            ),
            Field("advice", "OAT's advice and next steps", required_by="27", missing="Enter OAT's advice"),
        ),
        check=_check_oat_advice,
    ),
    Action(
        "close_no_review",
        "Close: OAT advised no review",
        BEFORE_REFERRAL,
        "closed_no_review",
        CASE_OWNER,
        ("29", "74"),
        guards=(oat_advice.no_review_advised,),
        fields=(
            _yes_no("signpost_jr", "Tell the service user they can consider a Judicial Review?", "29"),
            Field("note", "What we say to the service user", hint="The assurance OAT advised us to give"),
        ),
        letter=ServiceUserLetter("no_review_high_risk", ends_process=True),
    ),
    Action(
        "record_challenge_analysis",
        "Analyse the challenge (pro-forma)",
        frozenset({"under_consideration"}),
        None,
        CASE_OWNER,
        ("38", "39", "42", "6"),
        guards=(oat_advice.advice_settled, eligibility.legal_advice_first),
        fields=(
            _yes_no("is_challenge", "Is it a challenge to our decision?", "39"),
            _yes_no(
                "clear_evidence", "Has the service user given clear evidence or explanation of why the decision is wrong?", "39"
            ),
            _yes_no("genuine_doubt", "Has the service user cast genuine doubt on the decision?", "42"),
            Field("reasons", "Your reasons", required_by="39", missing="Enter the reasons for your analysis"),
        ),
        guidance=(
            "There is no automatic right to a review: only information showing we got something wrong that could "
            "change the decision (para 6)."
        ),
        done=lambda facts: facts.challenge_analysis is not None,
        again="Change the pro-forma analysis",
    ),
    Action(
        "close_not_actionable",
        "Close: no further action",
        frozenset({"under_consideration"}),
        "closed_not_actionable",
        CASE_OWNER,
        ("40", "74"),
        guards=(review.not_actionable,),
        fields=(
            _yes_no("signpost_jr", "Signpost the service user to Judicial Review?", "40"),
            Field("explanation", "What we tell the service user", hint="Why we cannot take any further action"),
        ),
        letter=ServiceUserLetter("no_further_action", ends_process=True),
    ),
    Action(
        "reconsider_within_team",
        "Reconsider the decision within the team",
        frozenset({"under_consideration"}),
        "case_owner_acted",
        CASE_OWNER,
        ("43", "44", "42", "78"),
        guards=(review.may_reconsider_within_team, review.risk_assessed),
        fields=(
            Field(
                "arrangements",
                "Who will reconsider it, and how",
                required_by="43",
                missing="Enter who will reconsider the decision, and how",
            ),
        ),
        guidance="Then refer the case to OAT (para 46).",
    ),
    Action(
        "explain_decision_stands",
        "Explain that the decision stands",
        frozenset({"under_consideration"}),
        "case_owner_acted",
        CASE_OWNER,
        ("45",),
        guards=(review.actionable,),
        fields=(
            Field(
                "explanation",
                "The explanation for the service user",
                hint="Where our rationale was flawed but the overall decision was right, no fresh primary investigation is needed",
                required_by="45",
                missing="Enter the explanation for the service user",
            ),
        ),
        guidance="Then refer the case to OAT (para 46).",
    ),
    Action(
        "refer_to_oat",
        "Refer to OAT",
        frozenset({"under_consideration", "case_owner_acted"}),
        "with_oat",
        CASE_OWNER,
        ("46", "44"),
        guards=(review.actionable, eligibility.not_joint_with_lgsco),
        fields=(
            Field(
                "summary",
                "Your analysis and what you have done",
                hint="OAT will see this with the grounds and any reasonable adjustments",
                required_by="46",
                missing="Enter your analysis and what you have done",
            ),
        ),
    ),
    risk_assessment_action(OPEN_STATES, REVIEWERS),
    Action(
        "write_to_service_user",
        "Write to the service user",
        OPEN_STATES,
        None,
        CASE_OWNER,
        ("49", "50"),
        guards=(review.case_owner_communicates,),
        fields=(Field("message", "What is happening with their complaint", required_by="49", missing="Enter the message"),),
    ),
)
