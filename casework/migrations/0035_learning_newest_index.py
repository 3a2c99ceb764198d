"""An index of learning points newest first: a line manager's page of learning reads only its rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0034_case_team_and_handling_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="learningpoint",
            index=models.Index(fields=["-recorded_at", "-id"], name="learning_newest_idx"),
        ),
    ]
