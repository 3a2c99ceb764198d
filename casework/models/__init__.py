from casework.models.attachments import Attachment, AttachmentKind
from casework.models.audit import AuditChainHead, Event
from casework.models.cases import AmendedReport, Case, FeedbackCase, LearningPoint, Remedy, Task
from casework.models.letters import Letter, LetterTemplate
from casework.models.reference import BankHolidayOverride, LeadershipContact, ServiceCharterCommitment, SeverityLevel
from casework.models.staff import ApiToken, StaffProfile, Team

__all__ = [
    "AmendedReport",
    "ApiToken",
    "Attachment",
    "AttachmentKind",
    "AuditChainHead",
    "BankHolidayOverride",
    "Case",
    "Event",
    "FeedbackCase",
    "LeadershipContact",
    "LearningPoint",
    "Letter",
    "LetterTemplate",
    "Remedy",
    "ServiceCharterCommitment",
    "SeverityLevel",
    "StaffProfile",
    "Task",
    "Team",
]
