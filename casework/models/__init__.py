from casework.models.audit import AuditChainHead, Event
from casework.models.cases import Case, FeedbackCase, Task
from casework.models.letters import Letter, LetterTemplate
from casework.models.reference import BankHolidayOverride, ServiceCharterCommitment, SeverityLevel
from casework.models.staff import ApiToken, StaffProfile, Team

__all__ = [
    "ApiToken",
    "AuditChainHead",
    "BankHolidayOverride",
    "Case",
    "Event",
    "FeedbackCase",
    "Letter",
    "LetterTemplate",
    "ServiceCharterCommitment",
    "SeverityLevel",
    "StaffProfile",
    "Task",
    "Team",
]
