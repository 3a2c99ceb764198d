from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0025_letter_preferred_format"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
