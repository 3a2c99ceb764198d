from casework.models.attachments import Attachment, AttachmentKind
from casework.models.audit import AuditChainHead, Event
from casework.models.cases import AmendedReport, Case, Decision, FeedbackCase, LearningPoint, Remedy, Task
from casework.models.correspondence import InboundCorrespondence
from casework.models.follow_on import (
    Approval,
    FollowOnCase,
    FollowUpContact,
    NewInvestigationProposal,
    PartyComment,
    QuashProposal,
)
from casework.models.integrity import IdempotentRequest, ReferenceCounter
from casework.models.letters import Letter, LetterTemplate
from casework.models.notifications import Notification
from casework.models.outbox import OutgoingEmail
from casework.models.parties import ActingAs, ConsentForm, ContactChannel, Organisation, Representative, ServiceUser
from casework.models.privacy import Erasure, LegalHold, RecordType, RetentionPeriod, SubjectAccessRequest
from casework.models.reference import (
    BankHolidayOverride,
    DelegationRule,
    LeadershipContact,
    ServiceCharterCommitment,
    ServiceModelSection,
    SeverityLevel,
    TimeLimit,
)
from casework.models.review import (
    ChallengeAnalysis,
    ChallengeAnswers,
    Ground,
    Grounds,
    Referral,
    ReviewDecision,
    RiskAssessment,
)
from casework.models.security import SecurityEvent
from casework.models.service_complaint import ServiceFinding
from casework.models.staff import ApiToken, StaffProfile, Team

__all__ = [
    "Erasure",
    "LegalHold",
    "RecordType",
    "RetentionPeriod",
    "SubjectAccessRequest",
    "AmendedReport",
    "ApiToken",
    "Approval",
    "Attachment",
    "AttachmentKind",
    "AuditChainHead",
    "BankHolidayOverride",
    "Case",
    "ChallengeAnalysis",
    "ChallengeAnswers",
    "ActingAs",
    "ConsentForm",
    "ContactChannel",
    "Decision",
    "DelegationRule",
    "Event",
    "FeedbackCase",
    "FollowOnCase",
    "FollowUpContact",
    "IdempotentRequest",
    "Ground",
    "Grounds",
    "LeadershipContact",
    "LearningPoint",
    "Letter",
    "LetterTemplate",
    "InboundCorrespondence",
    "ReferenceCounter",
    "NewInvestigationProposal",
    "Organisation",
    "Representative",
    "ServiceUser",
    "PartyComment",
    "QuashProposal",
    "Referral",
    "Notification",
    "OutgoingEmail",
    "Remedy",
    "ReviewDecision",
    "RiskAssessment",
    "SecurityEvent",
    "ServiceCharterCommitment",
    "ServiceModelSection",
    "ServiceFinding",
    "SeverityLevel",
    "StaffProfile",
    "Task",
    "Team",
    "TimeLimit",
]
