"""The internal targets each open state falls due by, and the late-explanation period, as rows an
administrator can change (the states name them by code in their declaration)."""

from django.db import migrations

PERIODS = [
    ("late_explanation", 14, "Time the service user has to explain why their grounds came after the deadline (para 33)"),
    ("target_first_consideration", 10, "Internal target: first consideration of new feedback"),
    ("target_case_owner_step", 20, "Internal target: the case owner's next step on a complaint about our decision"),
    ("target_service_complaint", 20, "Internal target: resolving a complaint about our service"),
    ("target_oat_allocation", 5, "Internal target: an OAT caseworker takes a referral"),
    ("target_oat_review", 40, "Internal target: OAT's review, from acceptance to the decision letter"),
    ("target_legal_view", 10, "Internal target: the Legal Team's view on a proposal to quash"),
    ("target_approval", 10, "Internal target: a decision under the Delegation Scheme"),
    ("target_new_case", 5, "Internal target: shared services open the new case"),
    ("target_joint_working", 20, "Internal target: the Joint Working Team's consideration under the LGSCO process"),
]


def seed(apps, schema_editor):
    Limit = apps.get_model("casework", "TimeLimit")
    for code, days, description in PERIODS:
        Limit.objects.get_or_create(code=code, defaults={"days": days, "description": description})


class Migration(migrations.Migration):
    dependencies = [("casework", "0007_after_review")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
