"""What followed an upheld review, read for the feedback page, the case page and the API (paras 57 to 73).

Read only: the actions that write these records are taken through `feedback.take_action`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.models import Approval, Case, FeedbackCase, FollowOnCase
from casework.people import name_of
from casework.read.access import visible_cases
from casework.read.facts import record_of
from policy.after_review import PARTIES, QUASH_CRITERIA
from policy.facts import Role


@dataclass(frozen=True)
class PartyComments:
    party: str
    label: str
    comments: str  # empty until they comment
    received: date | None


@dataclass(frozen=True)
class NewInvestigation:
    """A proposed new detailed investigation: why, what, and the parties' comments (paras 62 to 64)."""

    ground: str
    ground_label: str
    summary: str
    comment_deadline: date | None
    comments: tuple[PartyComments, ...]
    consideration: str  # how OAT considered the comments, once they decide to go ahead
    withdrawn: str  # why we will not go ahead, if we will not


@dataclass(frozen=True)
class QuashCriterion:
    name: str
    label: str
    held: bool


@dataclass(frozen=True)
class QuashProposal:
    """A proposal to quash the report: each para 67 criterion, the reasons, and the Legal Team's view (para 68)."""

    criteria: tuple[QuashCriterion, ...]
    reasons: str
    proposed_by: str
    legal_advice: str  # empty until the Legal Team give their view


@dataclass(frozen=True)
class ApprovalRecord:
    """A proposal and its approval: who proposed it and when, who decided, the decision and why (para 72)."""

    approval: Approval
    approver: str  # the role the Delegation Scheme names, in words
    decision: str


DECISIONS = {True: "Approved", False: "Not approved", None: "Awaiting decision"}


@dataclass(frozen=True)
class FollowOnLink:
    """A follow-on investigation, and whether the case at its other end can be opened by this person."""

    follow_on: FollowOnCase
    linked: bool


def new_investigation(feedback: FeedbackCase) -> NewInvestigation | None:
    proposal = record_of(feedback, "new_investigation")
    if proposal is None:
        return None
    received = {comment.party: comment for comment in proposal.comments.all()}
    return NewInvestigation(
        ground=proposal.ground,
        ground_label=proposal.get_ground_display(),
        summary=proposal.summary,
        comment_deadline=proposal.comment_deadline,
        comments=tuple(
            PartyComments(
                party,
                label,
                received[party].comments if party in received else "",
                received[party].received if party in received else None,
            )
            for party, label in PARTIES
        ),
        consideration=proposal.consideration,
        withdrawn=proposal.withdrawn,
    )


def approvals_on(feedback: FeedbackCase) -> list[ApprovalRecord]:
    approvals = feedback.approvals.select_related("proposed_by", "decided_by")
    return [ApprovalRecord(approval, role_label(approval.approver_role), DECISIONS[approval.approved]) for approval in approvals]


def role_label(name: str) -> str:
    return Role(name).label if name in {role.value for role in Role} else name


def quash_proposal(feedback: FeedbackCase) -> QuashProposal | None:
    proposal = record_of(feedback, "quash_proposal")
    if proposal is None:
        return None
    proposer = proposal.proposed_by
    return QuashProposal(
        criteria=tuple(QuashCriterion(name, label, getattr(proposal, name)) for name, label in QUASH_CRITERIA),
        reasons=proposal.reasons,
        proposed_by=name_of(proposer) if proposer else "",
        legal_advice=proposal.legal_advice,
    )


def _visible_references(user, references) -> set[str]:
    return set(visible_cases(user).filter(reference__in=[ref for ref in references if ref]).values_list("reference", flat=True))


def arranged_on(user, feedback: FeedbackCase) -> list[FollowOnLink]:
    """The investigations arranged after this review, each linked to its new case once opened."""
    return _linked_to_new_cases(user, feedback.follow_on_cases.order_by("arranged_at", "id"))


def follow_ons_of(user, case: Case) -> list[FollowOnLink]:
    """The investigations that followed reviews of this case (paras 57, 64)."""
    return _linked_to_new_cases(user, case.follow_on_cases.select_related("feedback_case").order_by("arranged_at", "id"))


def _linked_to_new_cases(user, follow_ons) -> list[FollowOnLink]:
    follow_ons = list(follow_ons)
    visible = _visible_references(user, [follow_on.new_reference for follow_on in follow_ons])
    return [FollowOnLink(follow_on, follow_on.new_reference in visible) for follow_on in follow_ons]


def reviews_followed(user, case: Case) -> list[FollowOnLink]:
    """The reviews of other cases that this case follows: it is their new investigation."""
    follow_ons = list(FollowOnCase.objects.filter(new_reference=case.reference).select_related("original_case"))
    visible = _visible_references(user, [follow_on.original_case.reference for follow_on in follow_ons])
    return [FollowOnLink(follow_on, follow_on.original_case.reference in visible) for follow_on in follow_ons]
