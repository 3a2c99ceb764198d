from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0007_after_review"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(fields=["received_date", "id"], name="feedback_received_idx"),
        ),
    ]
