"""The queues oldest first, read in the order shown up to a page rather than sorted whole: OAT's
referrals not yet taken (`casework.read.queues.oat_queue`), and a team's open requests (the Legal
Team's queue)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0036_search_and_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("oat_caseworker", None)),
                fields=["referred_on", "id"],
                name="referral_untaken_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["assigned_role", "created_at", "id"],
                name="task_role_open_idx",
            ),
        ),
    ]
