"""The records of a review of our decision: the grounds, the case owner's answers and analysis, each
referral to OAT, OAT's decision on each ground, and the risk assessments (paras 26, 38 to 60, 77, 78)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.limits import LONG_TEXT
from policy.facts import Risk
from policy.review import FINDINGS, GROUND_TYPES, OAT_OUTCOMES, ROUTES


class Grounds(models.Model):
    """The service user's grounds for review, marked 'Challenge to our decision' (paras 30, 38)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="grounds")
    marked = models.CharField(max_length=60, default="Challenge to our decision")
    why_wrong = models.TextField(validators=LONG_TEXT)
    what_they_want = models.TextField(blank=True, validators=LONG_TEXT)
    evidence = models.TextField(blank=True, validators=LONG_TEXT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Grounds on {self.feedback_case}"


class Ground(models.Model):
    """One ground raised, as one of the review criteria, and OAT's finding on it once decided (paras 38, 51)."""

    grounds = models.ForeignKey(Grounds, on_delete=models.CASCADE, related_name="items")
    ground_type = models.CharField(max_length=30, choices=GROUND_TYPES)
    finding = models.CharField(max_length=20, choices=FINDINGS, blank=True)
    reasons = models.TextField(blank=True, validators=LONG_TEXT, help_text="OAT's reasons for the finding, given in the letter")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["grounds", "ground_type"], name="one_finding_per_ground_type")]

    def __str__(self) -> str:
        return self.get_ground_type_display()


class ChallengeAnswers(models.Model):
    """What the case owner tells us about a challenge that the records cannot (para 26)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="challenge_answers")
    jr_threat_or_unlawful_allegation = models.BooleanField()
    brought_by_organisation = models.BooleanField()
    specialist_subject = models.BooleanField()
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Answers on whether OAT advise on {self.feedback_case}"


class ChallengeAnalysis(models.Model):
    """The case owner's pro-forma analysis of the grounds (paras 38 to 42)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="challenge_analysis")
    is_challenge = models.BooleanField()
    clear_evidence = models.BooleanField()
    genuine_doubt = models.BooleanField()
    analysed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Analysis of the challenge on {self.feedback_case}"


class Referral(models.Model):
    """One referral to OAT (para 46), the OAT caseworker who took it (para 47) and OAT's outcome (para 48).

    A complaint may be referred more than once; each referral keeps its own outcome. The latest is current."""

    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField()
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True, validators=LONG_TEXT)
    oat_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="oat_referrals"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=40, choices=[(outcome.value, label) for outcome, label in OAT_OUTCOMES.items()], blank=True
    )
    directions = models.TextField(blank=True, validators=LONG_TEXT)
    decided_on = models.DateField(null=True, blank=True, help_text="When OAT gave their outcome")

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["feedback_case", "-id"], name="referral_latest"),
            # OAT's queue, oldest first: the referrals no OAT caseworker has taken, read in order up to a page.
            models.Index(fields=["referred_on", "id"], condition=models.Q(oat_caseworker=None), name="referral_untaken_idx"),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.feedback_case} on {self.referred_on}"


def current_referral(feedback) -> Referral | None:
    """The latest referral: the one OAT are working on, or last worked on."""
    return feedback.referrals.select_related("oat_caseworker").order_by("-id").first()


class ReviewDecision(models.Model):
    """OAT's review decision: upheld or not (each ground's finding is on the ground), the route, the
    remedy analysis and the feedback to the case owner (paras 51, 53, 54, 58, 59)."""

    feedback_case = models.OneToOneField("casework.FeedbackCase", on_delete=models.PROTECT, related_name="review_decision")
    upheld = models.BooleanField()
    route = models.CharField(max_length=30, choices=[(route.value, label) for route, label in ROUTES])
    remedy_analysis = models.TextField(blank=True, validators=LONG_TEXT)
    impact = models.TextField(blank=True, validators=LONG_TEXT)
    proportionality = models.TextField(blank=True, validators=LONG_TEXT)
    restoring_position = models.TextField(blank=True, validators=LONG_TEXT)
    handling_feedback = models.TextField(validators=LONG_TEXT)
    proportionate = models.BooleanField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Review decision on {self.feedback_case}"


class RiskAssessment(models.Model):
    """A risk assessment before further work (paras 77, 78). Each is kept; the rules read the latest."""

    feedback_case = models.ForeignKey("casework.FeedbackCase", on_delete=models.PROTECT, related_name="risk_assessments")
    risk = models.CharField(max_length=10, choices=[(risk.value, risk.value.capitalize()) for risk in Risk])
    assessment = models.TextField(validators=LONG_TEXT)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_risk_display()} risk on {self.feedback_case}, {self.assessed_on}"


def latest_risk_assessment(feedback) -> RiskAssessment | None:
    return feedback.risk_assessments.select_related("assessed_by").order_by("-id").first()
