"""Indexes the long lists read a page of: open feedback by state, OAT's untaken referrals and
proposals waiting for a decision, each oldest first."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0025_letter_preferred_format"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="approval",
            index=models.Index(
                condition=models.Q(("decided_at__isnull", True)), fields=["proposed_at", "id"], name="approval_pending"
            ),
        ),
        migrations.AddIndex(
            model_name="feedbackcase",
            index=models.Index(fields=["kind", "state"], name="feedback_state_idx"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                condition=models.Q(("oat_caseworker__isnull", True)), fields=["referred_on", "id"], name="referral_untaken"
            ),
        ),
    ]
