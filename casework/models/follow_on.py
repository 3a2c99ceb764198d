"""What follows an upheld review: approvals, new investigations, and contact after the end (paras 57 to 75)."""

from django.conf import settings
from django.db import models

from casework.limits import LONG_TEXT
from policy.after_review import APPROVAL_SUBJECTS, FOLLOW_ON_KINDS, NEW_INVESTIGATION_GROUNDS, PARTIES


class Approval(models.Model):
    """A proposal and its approval under the Delegation Scheme: who, when, the decision and why (para 72)."""

    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="approvals")
    subject = models.CharField(max_length=40, choices=APPROVAL_SUBJECTS)
    approver_role = models.CharField(max_length=30)
    summary = models.TextField(validators=LONG_TEXT)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True)
    reasons = models.TextField(blank=True, validators=LONG_TEXT)

    class Meta:
        ordering = ["proposed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} on {self.feedback_case}"


class FollowOnCase(models.Model):
    """A new investigation arranged after a review, linking the original case and the new one (paras 57, 64, 65)."""

    original_case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="follow_on_cases")
    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="follow_on_cases")
    kind = models.CharField(max_length=40, choices=FOLLOW_ON_KINDS)
    priority = models.BooleanField(default=False)
    summary = models.TextField(validators=LONG_TEXT)
    allocation_advice = models.TextField(blank=True, validators=LONG_TEXT)
    new_reference = models.CharField(
        max_length=20, blank=True, help_text="The new case's reference, once shared services open it"
    )
    opened_on = models.DateField(null=True, blank=True)
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    arranged_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} following {self.original_case.reference}"


class FollowUpContact(models.Model):
    """Contact after the end of our internal process, logged without reopening the feedback (para 75)."""

    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="follow_ups")
    received_date = models.DateField()
    channel = models.CharField(max_length=20)
    summary = models.TextField("what they said", validators=LONG_TEXT)
    response = models.TextField("what we decided to do", blank=True, validators=LONG_TEXT)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField()

    class Meta:
        ordering = ["received_date", "id"]

    def __str__(self) -> str:
        return f"Follow-up on {self.feedback_case} received {self.received_date}"


class NewInvestigationProposal(models.Model):
    """A proposed new detailed investigation: why, what, and how the parties' comments were considered (paras 61 to 64)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="new_investigation")
    ground = models.CharField(max_length=40, choices=NEW_INVESTIGATION_GROUNDS)
    summary = models.TextField(validators=LONG_TEXT)
    comment_deadline = models.DateField()
    consideration = models.TextField(
        blank=True, help_text="How OAT considered the comments, once they decide to go ahead", validators=LONG_TEXT
    )
    withdrawn = models.TextField(blank=True, help_text="Why we will not go ahead, if we will not", validators=LONG_TEXT)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Proposed new investigation on {self.feedback_case}"


class PartyComment(models.Model):
    """A party's comments on a proposed new investigation (para 63)."""

    proposal = models.ForeignKey(NewInvestigationProposal, on_delete=models.CASCADE, related_name="comments")
    party = models.CharField(max_length=20, choices=PARTIES)
    comments = models.TextField(validators=LONG_TEXT)
    received = models.DateField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "party"], name="one_comment_per_party")]

    def __str__(self) -> str:
        return f"Comments from {self.get_party_display().lower()} on {self.proposal.feedback_case}"


class QuashProposal(models.Model):
    """A proposal to quash the report: each para 67 criterion, the reasons, and the Legal Team's view (para 68)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="quash_proposal")
    missed_or_new_evidence = models.BooleanField(default=False)
    incontrovertibly_wrong = models.BooleanField(default=False)
    no_other_way = models.BooleanField(default=False)
    public_interest = models.BooleanField(default=False)
    reasons = models.TextField(validators=LONG_TEXT)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty only on a proposal recorded before proposers were kept as people, whose name was not found",
    )
    legal_advice = models.TextField(blank=True, validators=LONG_TEXT)
    legal_advice_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Proposal to quash the report on {self.feedback_case}"
