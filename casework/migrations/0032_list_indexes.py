"""Indexes for the long lists: open feedback by its state, and the requests for OAT's advice still
waiting for it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0031_case_received_and_representation_ended"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(fields=["kind", "state", "id"], name="feedback_state_idx"),
        ),
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(
                condition=models.Q(models.Q(("oat_advice_question", ""), _negated=True), ("oat_advice_decision", "")),
                fields=["kind", "state"],
                name="feedback_advice_waiting",
            ),
        ),
    ]
