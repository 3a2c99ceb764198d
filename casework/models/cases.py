"""The original case, the feedback about it, and the tasks it creates."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.limits import LONG_TEXT
from policy.facts import Channel, ClosureReason, FeedbackKind, Risk, Role, Stage
from policy.learning import LEARNING_KINDS
from policy.service_feedback import REMEDY_TYPES
from policy.workflows.registry import workflow_for


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ").capitalize()) for member in enum]


class Case(models.Model):
    """A complaint PHSO handled, against which feedback is logged."""

    reference = models.CharField(max_length=20, unique=True)
    service_user = models.ForeignKey("casework.ServiceUser", on_delete=models.PROTECT, related_name="cases")
    organisation = models.ForeignKey(
        "casework.Organisation", on_delete=models.PROTECT, related_name="cases", verbose_name="organisation complained about"
    )
    # Indexed by case_team_idx, with the case's id.
    team = models.ForeignKey("casework.Team", on_delete=models.PROTECT, related_name="cases", db_index=False)
    case_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_cases")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_cases")
    stage = models.CharField(max_length=20, choices=_choices(Stage))
    risk = models.CharField(max_length=10, choices=_choices(Risk))
    supervised = models.BooleanField(default=False)
    received_on = models.DateField(null=True, blank=True, help_text="When we received the complaint the case is about")
    decision_date = models.DateField()
    report_issue_date = models.DateField(null=True, blank=True)
    closed = models.BooleanField(default=True)
    closure_reason = models.CharField(max_length=30, choices=_choices(ClosureReason), blank=True)
    joint_with_lgsco = models.BooleanField(default=False)
    mp_involved = models.BooleanField(default=False)
    review_count = models.PositiveSmallIntegerField(default=0)
    previous_review_upheld = models.BooleanField(default=False)
    report_quashed = models.BooleanField(default=False, help_text="Quashed by the Ombudsman: the report is invalid (para 66)")
    quashed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every correction; a change from an older one is refused"
    )

    class Meta:
        ordering = ["reference"]
        indexes = [
            # The ids of a team's cases, for what its people may see, without reading the cases.
            models.Index(fields=["team", "id"], name="case_team_idx"),
            # The case lists read a team's cases in the order shown and stop at the page, by reference
            # or by the decision date (newest first reads it backwards).
            models.Index(fields=["team", "reference"], name="case_team_reference_idx"),
            models.Index(fields=["team", "decision_date", "reference"], name="case_team_decided_idx"),
            models.Index(fields=["decision_date", "reference"], name="case_decided_idx"),
            # Whether each member of staff owns a case in the team (the owners offered as a filter), and
            # which of the people or organisations a search found have a case in the team: a lookup each.
            models.Index(fields=["case_owner", "team"], name="case_owner_team_idx"),
            models.Index(fields=["service_user", "team"], name="case_person_team_idx"),
            models.Index(fields=["organisation", "team"], name="case_organisation_team_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.service_user}"


class Decision(models.Model):
    """A decision on a case: usually the final one, sometimes a partial decision on a case still
    open (para 20). Feedback about our decision names which one, and its deadlines run from it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    decided_on = models.DateField()
    what_was_decided = models.TextField(blank=True, validators=LONG_TEXT)
    report_issue_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"Decision of {self.decided_on:%-d %B %Y} on {self.case.reference}"


class FeedbackCase(models.Model):
    """One piece of feedback about a case, with its own workflow state."""

    reference = models.CharField(max_length=20, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="feedback")
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text="The decision complained about; its deadlines run from it (para 20). None: the case's decision",
    )
    kind = models.CharField(max_length=30, choices=_choices(FeedbackKind))
    state = models.CharField(max_length=40)
    received_date = models.DateField()
    channel = models.CharField(max_length=20, choices=_choices(Channel))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("what was said", validators=LONG_TEXT)
    reasonable_adjustments = models.TextField(blank=True, validators=LONG_TEXT)
    jr_in_prospect = models.BooleanField("Judicial Review in prospect", default=False)
    grounds_deadline = models.DateField(null=True, blank=True)
    grounds_received_date = models.DateField(null=True, blank=True)
    exceptional_reason = models.TextField(blank=True, validators=LONG_TEXT)
    exceptional_review_agreed = models.BooleanField(default=False)
    legal_advice = models.TextField(blank=True, validators=LONG_TEXT)
    outcome_note = models.TextField(blank=True, validators=LONG_TEXT)
    late_feedback_decision = models.TextField(blank=True, validators=LONG_TEXT)
    handling_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who handles a service complaint: the case owner's manager, or one up the chain after escalation",
        db_index=False,  # indexed by feedback_handling_idx
    )
    resolution_attempt = models.TextField(blank=True, validators=LONG_TEXT)
    oat_advice_question = models.TextField(blank=True, validators=LONG_TEXT)
    oat_advice = models.TextField(blank=True, validators=LONG_TEXT)
    oat_advice_decision = models.CharField(max_length=30, blank=True, help_text="How OAT advised it be handled (paras 27, 29)")
    decided_on = models.DateField(null=True, blank=True, help_text="When the review decision was recorded (para 53)")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1, help_text="Raised by every action; a change from an older one is refused")

    class Meta:
        ordering = ["-received_date", "-id"]
        indexes = [
            # Insight chooses feedback by the date received, and lists show the latest first.
            models.Index(fields=["received_date", "id"], name="feedback_received_idx"),
            # Insight finds the team of each learning point's feedback through this index alone.
            models.Index(fields=["id", "case"], name="feedback_case_of_idx"),
            # Open feedback, found by the states the workflows declare open: a fraction of all there is,
            # and its ids without reading the rows.
            models.Index(fields=["kind", "state", "id"], name="feedback_state_idx"),
            # The cases of the complaints a manager handles, for what they may see, without reading the feedback.
            models.Index(fields=["handling_manager", "case"], name="feedback_handling_idx"),
            # Case owners waiting for OAT's advice (OAT's queue): few, among all that ever asked.
            models.Index(
                fields=["kind", "state"],
                name="feedback_advice_waiting",
                condition=~models.Q(oat_advice_question="") & models.Q(oat_advice_decision=""),
            ),
            # Insight's stage times read the decided reviews of a period from this index alone.
            models.Index(
                fields=["received_date", "id", "kind", "decided_on"],
                condition=models.Q(decided_on__isnull=False),
                name="feedback_decided_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()})"

    @property
    def state_label(self) -> str:
        return workflow_for(self.kind).state(self.state).label


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    feedback_case = models.ForeignKey(FeedbackCase, on_delete=models.PROTECT, related_name="tasks")
    code = models.SlugField(max_length=60, help_text="What the task is for, so the step that finishes it can close it")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    assigned_role = models.CharField(max_length=30, choices=_choices(Role))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["assigned_role", "status"]),
            # Insight reads open work, and how long each team's finished tasks took, from these alone.
            models.Index(
                fields=["feedback_case", "assigned_role", "due_date"], condition=models.Q(status="open"), name="task_open_idx"
            ),
            models.Index(fields=["assigned_role", "status", "feedback_case", "created_at", "closed_at"], name="task_times_idx"),
            # A team's open requests oldest first (the Legal Team's queue): read in order up to a page.
            models.Index(
                fields=["assigned_role", "created_at", "id"], condition=models.Q(status="open"), name="task_role_open_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Remedy(models.Model):
    """A remedy offered when a complaint is upheld (paras 18, 58 to 60)."""

    feedback_case = models.ForeignKey(FeedbackCase, on_delete=models.PROTECT, related_name="remedies")
    remedy_type = models.CharField(max_length=30, choices=[(value, label) for value, label in REMEDY_TYPES])
    details = models.TextField(validators=LONG_TEXT)
    severity_level = models.PositiveSmallIntegerField(null=True, blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    out_of_range_reason = models.TextField(blank=True, validators=LONG_TEXT)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    offered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_remedy_type_display()} on {self.feedback_case}"


class LearningPoint(models.Model):
    """Learning or good practice from a complaint or review (para 19, 55, 56, Annex A)."""

    feedback_case = models.ForeignKey(FeedbackCase, on_delete=models.PROTECT, related_name="learning_points")
    kind = models.CharField(max_length=20, choices=[(value, label) for value, label in LEARNING_KINDS])
    text = models.TextField(validators=LONG_TEXT)
    service_model_section = models.ForeignKey("casework.ServiceModelSection", null=True, blank=True, on_delete=models.PROTECT)
    charter_commitment = models.ForeignKey("casework.ServiceCharterCommitment", null=True, blank=True, on_delete=models.PROTECT)
    shared_with = models.CharField(max_length=300)
    fed_back_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The line manager it was fed back to (Annex A: OM for caseworkers, AD for OMs)",
    )
    fed_back_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        # a line manager's learning, newest first, read a page at a time without sorting all of it
        indexes = [models.Index(fields=["-recorded_at", "-id"], name="learning_newest_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class AmendedReport(models.Model):
    """A report re-issued for minor, inconsequential errors, keeping its original issue date (para 25)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="amended_reports")
    feedback_case = models.ForeignKey(FeedbackCase, on_delete=models.PROTECT, related_name="amended_reports")
    what_changed = models.TextField(validators=LONG_TEXT)
    original_issue_date = models.DateField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Amended report on {self.case.reference}, issue date {self.original_issue_date:%d %B %Y} kept"
