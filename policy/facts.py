"""The plain facts the rules read: roles, the original case, and the feedback about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    CASEWORKER = "caseworker"
    MANAGER = "manager"
    OAT = "oat"
    LEGAL = "legal"
    OMBUDSMAN = "ombudsman"
    SHARED_SERVICES = "shared_services"
    JOINT_WORKING = "joint_working"
    DIRECTOR = "director"
    CHIEF_EXECUTIVE = "chief_executive"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CASEWORKER: "caseworker (case owner)",
    Role.MANAGER: "case owner's manager",
    Role.OAT: "Ombudsman's Assurance Team",
    Role.LEGAL: "Legal Team",
    Role.OMBUDSMAN: "Ombudsman or Deputy Ombudsman",
    Role.SHARED_SERVICES: "Shared services",
    Role.JOINT_WORKING: "Joint Working Team",
    Role.DIRECTOR: "Director of Operations, Legal & Clinical",
    Role.CHIEF_EXECUTIVE: "Chief Executive",
}


class FeedbackKind(StrEnum):
    POSITIVE = "positive"
    SERVICE_COMPLAINT = "service_complaint"
    DECISION_COMPLAINT = "decision_complaint"


class Stage(StrEnum):
    PRIMARY = "primary"
    DETAILED = "detailed"


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ClosureReason(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"
    NOT_INVESTIGATED = "not_investigated"
    LOW_LEVEL_INJUSTICE = "low_level_injustice"
    WITHDRAWN = "withdrawn"


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    WEB_FORM = "web_form"
    IN_PERSON = "in_person"


@dataclass(frozen=True)
class CaseFacts:
    """The original complaint PHSO handled, as far as the rules need it."""

    stage: Stage = Stage.PRIMARY
    risk: Risk = Risk.LOW
    supervised: bool = False
    decision_date: date | None = None
    closure_reason: ClosureReason | None = None
    joint_with_lgsco: bool = False
    mp_involved: bool = False
    reviews_go_to_oat_first: bool = False
    behaviour_restriction: bool = False
    review_count: int = 0
    previous_review_upheld: bool = False
    report_quashed: bool = False


@dataclass(frozen=True)
class ChallengeAnswers:
    """What the case owner tells us about a challenge that the records cannot (para 26)."""

    jr_threat_or_unlawful_allegation: bool = False
    brought_by_organisation: bool = False
    specialist_subject: bool = False


@dataclass(frozen=True)
class ChallengeAnalysis:
    """The case owner's pro-forma analysis of the grounds (paras 38, 39 and 42)."""

    is_challenge: bool
    clear_evidence: bool
    genuine_doubt: bool

    @property
    def actionable(self) -> bool:
        """Para 40: unhappiness alone, or an unspecific request, is not an actionable challenge."""
        return self.is_challenge and self.clear_evidence


@dataclass(frozen=True)
class PendingApproval:
    """A proposal waiting for the person the Delegation Scheme names (paras 69, 72, 73)."""

    subject: str
    role: Role
    proposed_by: str


@dataclass(frozen=True)
class FeedbackFacts:
    """One piece of feedback about a case and where its handling has got to."""

    case: CaseFacts = field(default_factory=CaseFacts)
    kind: FeedbackKind = FeedbackKind.DECISION_COMPLAINT
    state: str = ""  # a state its workflow declares
    received_date: date | None = None
    grounds_deadline: date | None = None
    usual_grounds_deadline: date | None = None  # one month from the decision, before any is set (para 32)
    grounds_received_date: date | None = None
    exceptional_reason: str = ""
    exceptional_review_agreed: bool = False
    jr_in_prospect: bool = False
    legal_advice_recorded: bool = False
    late_feedback_decided: bool = False
    resolution_attempted: bool = False
    finding_upheld: bool | None = None
    remedy_count: int = 0
    next_manager_up: str | None = None
    oat_advice_requested: bool = False
    severity_scale: tuple[Any, ...] = ()  # SeverityBand rows of the reference data (para 60)
    acting_as: str | None = None  # the person asking what they may do, where a rule depends on who
    ground_types: tuple[str, ...] = ()
    challenge_answers: ChallengeAnswers | None = None  # None until the case owner has answered (para 26)
    oat_advice_given: str = ""  # OAT's decision on how the complaint is handled (paras 27, 29)
    challenge_analysis: ChallengeAnalysis | None = None  # the pro-forma (paras 38 to 42)
    oat_caseworker: str | None = None
    oat_outcome: str = ""
    risk_assessed: bool = False
    learning_point_count: int = 0
    financial_remedy_count: int = 0
    review_route: str = ""
    acting_roles: frozenset[Role] = frozenset()  # the asker's roles on this feedback
    follow_on_arranged: bool = False
    new_investigation_ended: bool = False  # withdrawn after comments, or not approved
    comment_deadline: date | None = None
    comments_received: frozenset[str] = frozenset()
    pending_approval: PendingApproval | None = None  # while a proposal awaits its approver (para 72)
    quash_decided: bool = False
