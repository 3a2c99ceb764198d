"""Reference data an administrator keeps: seeded with defaults, never hard-coded in rules."""

from django.db import models

from policy.facts import Role

ROLE_CHOICES = [(role.value, role.label[0].upper() + role.label[1:]) for role in Role]


class ServiceCharterCommitment(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    theme = models.CharField(max_length=120)
    text = models.CharField(max_length=255)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class SeverityLevel(models.Model):
    """The severity of injustice scale: each level with its range of payments (para 60)."""

    level = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    minimum_payment = models.DecimalField(max_digits=9, decimal_places=2)
    maximum_payment = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["level"]

    def __str__(self) -> str:
        return f"Level {self.level}: {self.name} (£{self.minimum_payment:,.0f} to £{self.maximum_payment:,.0f})"


class BankHolidayOverride(models.Model):
    """A change to the England and Wales calendar: an extra closure day, or a holiday worked."""

    date = models.DateField(unique=True)
    is_working_day = models.BooleanField(default=False, help_text="Tick to treat a bank holiday as a working day")
    note = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.date}: {self.note}"


class LeadershipContact(models.Model):
    """Who is copied on a manager's comment on positive feedback (para 9)."""

    role = models.CharField(
        max_length=30,
        unique=True,
        choices=[("director", "Director of Operations, Legal & Clinical"), ("chief_executive", "Chief Executive")],
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()

    def __str__(self) -> str:
        return f"{self.name}, {self.get_role_display()}"


class DelegationRule(models.Model):
    """Who approves what under the Delegation Scheme (paras 72, 73, 69)."""

    subject = models.CharField(
        max_length=40,
        unique=True,
        choices=[("new_detailed_investigation", "A new detailed investigation"), ("quash", "Quashing a report or decision")],
    )
    role = models.CharField(max_length=30, choices=ROLE_CHOICES, help_text="The role that approves it")
    note = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.role}"


class TimeLimit(models.Model):
    """A period the guidance leaves to us, such as how long parties have to comment (para 63).

    The codes the casework reads are named in `policy.reference.Period`."""

    code = models.SlugField(max_length=60, unique=True)
    days = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.description}: {self.days} days"


class ServiceModelSection(models.Model):
    """A section and paragraph of the Service Model an individual learning point links to (Annex A)."""

    name = models.CharField(
        max_length=200, unique=True, help_text="For example, Section 2 Contacting the complainant (para 2.140)"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
