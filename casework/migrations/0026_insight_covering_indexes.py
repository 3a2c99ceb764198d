from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0025_letter_preferred_format"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(fields=["id", "case"], name="feedback_case_of_idx"),
        ),
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(
                condition=models.Q(("decided_on__isnull", False)),
                fields=["received_date", "id", "kind", "decided_on"],
                name="feedback_decided_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["feedback_case", "assigned_role", "due_date"],
                name="task_open_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["assigned_role", "status", "feedback_case", "created_at", "closed_at"], name="task_times_idx"
            ),
        ),
    ]
