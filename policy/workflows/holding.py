"""Who holds open feedback, and when it falls due: the names each state declares.

A holder is a person or a queue worked out from the case (the case owner, their manager, ...);
a due rule is a named period. Its length is reference data an administrator sets (a TimeLimit row
of the same code); `days` here is what applies only while no such row exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Holder(StrEnum):
    CASE_OWNER = "case_owner"
    CASE_MANAGER = "case_manager"  # the case owner's manager
    HANDLING_MANAGER = "handling_manager"  # the manager a service complaint is with, after any escalation (para 15)
    OAT_CASEWORKER = "oat_caseworker"  # the OAT caseworker who took the referral (para 47)
    OAT_QUEUE = "oat_queue"  # OAT's queue, until an OAT caseworker takes it (para 47)
    LEGAL = "legal"
    APPROVER = "approver"  # the role the Delegation Scheme names (para 72)
    SHARED_SERVICES = "shared_services"
    JOINT_WORKING = "joint_working"

    @property
    def label(self) -> str:
        return HOLDER_LABELS[self]


HOLDER_LABELS = {
    Holder.CASE_OWNER: "The case owner",
    Holder.CASE_MANAGER: "The case owner's manager",
    Holder.HANDLING_MANAGER: "The manager handling the complaint",
    Holder.OAT_CASEWORKER: "The OAT caseworker",
    Holder.OAT_QUEUE: "The Ombudsman's Assurance Team",
    Holder.LEGAL: "The Legal Team",
    Holder.APPROVER: "The approver named by the Delegation Scheme",
    Holder.SHARED_SERVICES: "Shared services",
    Holder.JOINT_WORKING: "The Joint Working Team",
}


class Party(StrEnum):
    """Someone outside PHSO the holder is waiting to hear from."""

    SERVICE_USER = "the service user"
    PARTIES = "the service user and the organisation"


@dataclass(frozen=True)
class Due:
    """A named period. `recorded`: the due date is the one recorded on the feedback under this
    name (the grounds deadline, para 32); otherwise it runs from the day the state was entered."""

    code: str
    label: str
    days: int | None = None
    paragraph: str | None = None  # None for an internal target the guidance leaves to us
    recorded: bool = False


GROUNDS_DEADLINE = Due("grounds_deadline", "The deadline for the grounds", paragraph="32", recorded=True)
LATE_EXPLANATION = Due("late_explanation", "The time to explain late grounds", 14, "33")
COMMENT_PERIOD = Due("new_investigation_comments", "The time to comment on a proposed new investigation", 14, "63")

# Internal targets: not set by the guidance; an administrator sets each one's days.
FIRST_CONSIDERATION = Due("target_first_consideration", "Target: first consideration", 10)
CASE_OWNER_STEP = Due("target_case_owner_step", "Target: the case owner's next step", 20)
SERVICE_COMPLAINT = Due("target_service_complaint", "Target: resolving a complaint about our service", 20)
OAT_ALLOCATION = Due("target_oat_allocation", "Target: an OAT caseworker takes the referral", 5)
OAT_REVIEW = Due("target_oat_review", "Target: OAT's review", 40)
LEGAL_VIEW = Due("target_legal_view", "Target: the Legal Team's view", 10)
APPROVAL = Due("target_approval", "Target: a decision under the Delegation Scheme", 10)
NEW_CASE = Due("target_new_case", "Target: shared services open the new case", 5)
JOINT_WORKING = Due("target_joint_working", "Target: the Joint Working Team's consideration", 20)

PERIODS = (
    GROUNDS_DEADLINE,
    LATE_EXPLANATION,
    COMMENT_PERIOD,
    FIRST_CONSIDERATION,
    CASE_OWNER_STEP,
    SERVICE_COMPLAINT,
    OAT_ALLOCATION,
    OAT_REVIEW,
    LEGAL_VIEW,
    APPROVAL,
    NEW_CASE,
    JOINT_WORKING,
)
