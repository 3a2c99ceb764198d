from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0026_insight_covering_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
