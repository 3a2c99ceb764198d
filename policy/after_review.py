"""After an upheld review: fresh and new investigations, quashing, and approvals (paras 57, 61 to 73).

The weightiest outcomes the guidance allows. A new detailed investigation needs a recorded
ground (para 62), the parties' comments (paras 63, 64) and the approval of whoever the
Delegation Scheme names (the Ombudsman or a Deputy by default, para 73). A quash proposal goes
forward only when the para 67 criteria hold, through the Legal Team (para 68), and only the
Ombudsman or a Deputy decides it (para 69). Nobody approves their own proposal (para 72).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from policy.decisions import Decision, Reason, rule
from policy.facts import FeedbackFacts, Role
from policy.review import Route


class ApprovalSubject(StrEnum):
    NEW_DETAILED_INVESTIGATION = "new_detailed_investigation"
    QUASH = "quash"


APPROVAL_SUBJECTS = [
    (ApprovalSubject.NEW_DETAILED_INVESTIGATION, "A new detailed investigation"),
    (ApprovalSubject.QUASH, "Quashing a report or decision"),
]

# The Delegation Scheme's defaults (reference data an administrator may change): paras 69, 73.
DEFAULT_DELEGATION = {ApprovalSubject.NEW_DETAILED_INVESTIGATION: Role.OMBUDSMAN, ApprovalSubject.QUASH: Role.OMBUDSMAN}
APPROVAL_PARAGRAPH = {ApprovalSubject.NEW_DETAILED_INVESTIGATION: "73", ApprovalSubject.QUASH: "69"}

FOLLOW_ON_KINDS = [
    ("fresh_primary_investigation", "A fresh primary investigation"),
    ("new_detailed_investigation", "A new detailed investigation"),
]

NEW_INVESTIGATION_GROUNDS = (
    ("evidence_flawed", "The evidence we used was flawed"),
    ("unfair_process", "We were unfair in the way we undertook the investigation"),
    ("significant_new_information", "New information would have had a significant impact on the decision"),
)

PARTIES = (("service_user", "The service user"), ("organisation", "The organisation complained about"))

QUASH_CRITERIA = (
    ("missed_or_new_evidence", "We missed significant material evidence, or significant new evidence has come to light"),
    ("incontrovertibly_wrong", "Our decision is incontrovertibly and significantly wrong for some other reason"),
    ("no_other_way", "There is no other way to resolve the matter"),
    ("public_interest", "It is in the public interest for the report to be quashed"),
)


@rule("51", "57")
def fresh_investigation_chosen(facts: FeedbackFacts) -> Decision:
    if facts.review_route != Route.FRESH_PRIMARY:
        return Decision.refuse(Reason("57", "The review decision did not choose a fresh primary investigation"))
    if facts.follow_on_arranged:
        return Decision.refuse(Reason("57", "The new investigation has already been arranged"))
    return Decision.allow()


@rule("61", "62")
def new_investigation_chosen(facts: FeedbackFacts) -> Decision:
    if facts.review_route != Route.NEW_DETAILED:
        return Decision.refuse(Reason("61", "The review decision did not choose a new detailed investigation"))
    if facts.follow_on_arranged:
        return Decision.refuse(Reason("61", "The new investigation has already been arranged"))
    return Decision.allow()


@rule("63", "64")
def comments_refusals(facts: FeedbackFacts, today: date) -> list[Reason]:
    """Go ahead only once both parties' comments are in, or the comment period has passed."""
    waiting = {party for party, _ in PARTIES} - facts.comments_received
    if waiting and facts.comment_deadline and today <= facts.comment_deadline:
        names = " and ".join(label.lower() for party, label in PARTIES if party in waiting)
        return [
            Reason(
                "64",
                f"Wait for comments from {names}, or until the comment period ends on {facts.comment_deadline:%-d %B %Y}",
            )
        ]
    return []


@rule("66", "67")
def may_propose_quash(facts: FeedbackFacts) -> Decision:
    """Quashing is considered only as a remedy for an upheld review, and once."""
    if not facts.finding_upheld:
        return Decision.refuse(Reason("66", "Quashing is considered only as a remedy for an upheld review"))
    if facts.case.report_quashed:
        return Decision.refuse(Reason("66", "The report has already been quashed"))
    if facts.quash_decided:
        return Decision.refuse(Reason("69", "A quash proposal on this review has already been decided"))
    return Decision.allow()


@rule("67")
def quash_criteria_refusals(inputs: Mapping[str, Any]) -> list[Reason]:
    """(Missed or new evidence OR incontrovertibly wrong) AND no other way AND in the public interest."""
    held = {name: inputs.get(name) is True for name, _ in QUASH_CRITERIA}
    refusals = []
    if not (held["missed_or_new_evidence"] or held["incontrovertibly_wrong"]):
        refusals.append(
            Reason(
                "67",
                "A report is quashed only if we missed significant evidence (or significant new evidence has come to light), "
                "or the decision is incontrovertibly and significantly wrong",
                field="missed_or_new_evidence",
            )
        )
    if not held["no_other_way"]:
        refusals.append(
            Reason("67", "A report is quashed only when there is no other way to resolve the matter", field="no_other_way")
        )
    if not held["public_interest"]:
        refusals.append(Reason("67", "A report is quashed only when it is in the public interest", field="public_interest"))
    return refusals


@rule("69", "72", "73")
def may_approve(facts: FeedbackFacts) -> Decision:
    """Only the role the Delegation Scheme names approves, and never the person who proposed it."""
    pending = facts.pending_approval
    if pending is None:
        return Decision.refuse(Reason("72", "There is nothing waiting for approval"))
    paragraph = APPROVAL_PARAGRAPH[ApprovalSubject(pending.subject)]
    if pending.role not in facts.acting_roles:
        return Decision.refuse(Reason(paragraph, f"Only the {pending.role.label} can decide this, under the Delegation Scheme"))
    if pending.proposed_by == facts.acting_as:
        return Decision.refuse(Reason("72", "You proposed this, so someone else must approve it"))
    return Decision.allow()
