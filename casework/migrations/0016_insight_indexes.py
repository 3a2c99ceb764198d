from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0015_reminders_and_notifications"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(fields=["received_date", "id"], name="feedback_received_idx"),
        ),
    ]
