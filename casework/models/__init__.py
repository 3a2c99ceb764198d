from casework.models.attachments import Attachment, AttachmentKind
from casework.models.audit import AuditChainHead, Event
from casework.models.cases import AmendedReport, Case, FeedbackCase, LearningPoint, Remedy, Task
from casework.models.follow_on import Approval, FollowOnCase, FollowUpContact
from casework.models.letters import Letter, LetterTemplate
from casework.models.reference import (
    BankHolidayOverride,
    DelegationRule,
    LeadershipContact,
    ServiceCharterCommitment,
    SeverityLevel,
    TimeLimit,
)
from casework.models.security import SecurityEvent
from casework.models.staff import ApiToken, StaffProfile, Team

__all__ = [
    "AmendedReport",
    "Approval",
    "ApiToken",
    "Attachment",
    "AttachmentKind",
    "AuditChainHead",
    "BankHolidayOverride",
    "Case",
    "DelegationRule",
    "Event",
    "FeedbackCase",
    "FollowOnCase",
    "FollowUpContact",
    "LeadershipContact",
    "LearningPoint",
    "Letter",
    "LetterTemplate",
    "Remedy",
    "SecurityEvent",
    "ServiceCharterCommitment",
    "SeverityLevel",
    "StaffProfile",
    "Task",
    "Team",
    "TimeLimit",
]
