from django.db import migrations


class Migration(migrations.Migration):
    """The blobs and referral columns, now typed records (0008), are dropped."""

    dependencies = [
        ("casework", "0012_typed_records"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="feedbackcase",
            name="challenge_analysis",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="challenge_answers",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="finding",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="grounds",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="new_investigation",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="oat_caseworker",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="oat_directions",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="oat_outcome",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="quash_proposal",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="referred_on",
        ),
        migrations.RemoveField(
            model_name="feedbackcase",
            name="risk_assessment",
        ),
    ]
