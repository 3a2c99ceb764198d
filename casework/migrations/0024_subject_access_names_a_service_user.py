"""A subject access request names a service user's record rather than a name typed on the page.

Requests logged before are matched to the one service user of that name; a request whose name
matches nobody or more than one person stops the migration, naming it, to be settled by hand."""

import django.db.models.deletion
from django.db import migrations, models


def match_by_name(apps, schema_editor):
    requests = apps.get_model("casework", "SubjectAccessRequest")
    people = apps.get_model("casework", "ServiceUser")
    for request in requests.objects.all():
        matches = list(people.objects.filter(name__iexact=request.person.strip()).values_list("pk", flat=True)[:2])
        if len(matches) != 1:
            raise RuntimeError(
                f"Subject access request {request.pk} names {request.person!r}, which matches "
                f"{'no service user' if not matches else 'more than one service user'}: register or merge them, then migrate again"
            )
        requests.objects.filter(pk=request.pk).update(service_user_id=matches[0])


class Migration(migrations.Migration):
    dependencies = [("casework", "0023_judicial_review_reminder")]

    operations = [
        migrations.AddField(
            model_name="subjectaccessrequest",
            name="service_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="subject_access_requests",
                to="casework.serviceuser",
                verbose_name="the person",
            ),
        ),
        migrations.RunPython(match_by_name, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="subjectaccessrequest",
            name="service_user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="subject_access_requests",
                to="casework.serviceuser",
                verbose_name="the person",
            ),
        ),
        migrations.RemoveField(model_name="subjectaccessrequest", name="person"),
    ]
