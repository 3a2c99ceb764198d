"""What a caseworker or manager may see, read from indexes alone: the ids of a team's cases, and the
cases of the complaints a manager handles. Each replaces the plain index of its foreign key."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0033_audit_without_prefix_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["team", "id"], name="case_team_idx"),
        ),
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(fields=["handling_manager", "case"], name="feedback_handling_idx"),
        ),
        migrations.AlterField(
            model_name="case",
            name="team",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="cases", to="casework.team"
            ),
        ),
        migrations.AlterField(
            model_name="feedbackcase",
            name="handling_manager",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                help_text="Who handles a service complaint: the case owner's manager, or one up the chain after escalation",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
