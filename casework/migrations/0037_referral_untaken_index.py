"""OAT's queue oldest first: the referrals not yet taken, in the order shown, so that its first page
reads fifty of them rather than sorting every referral waiting (`casework.read.queues`)."""

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
    ]
