# People and organisations as records, the decisions of a case, and a version for corrections.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def records_from_names(apps, schema_editor):
    """One service user per distinct name, and one organisation per distinct name, for the cases
    there are: people who share a name are one record until someone merges or splits them. A
    person carries the flags any of their cases had; a behaviour restriction starts on the
    earliest decision date of a case that had it. Each case gets one decision, its own, which
    the feedback about it names."""
    Case = apps.get_model("casework", "Case")
    ServiceUser = apps.get_model("casework", "ServiceUser")
    Organisation = apps.get_model("casework", "Organisation")
    Decision = apps.get_model("casework", "Decision")
    FeedbackCase = apps.get_model("casework", "FeedbackCase")
    people, organisations = {}, {}
    for case in Case.objects.order_by("pk").iterator(chunk_size=2000):
        person = people.get(case.service_user)
        if person is None:
            person = people[case.service_user] = ServiceUser.objects.create(
                reference=f"SU-{len(people) + 1:06d}", name=case.service_user
            )
        flags = []
        if case.reviews_go_to_oat_first and not person.reviews_go_to_oat_first:
            person.reviews_go_to_oat_first = True
            flags.append("reviews_go_to_oat_first")
        restricted = person.behaviour_restricted_from
        if case.behaviour_restriction and (restricted is None or case.decision_date < restricted):
            person.behaviour_restricted_from = case.decision_date
            flags.append("behaviour_restricted_from")
        if flags:
            person.save(update_fields=flags)
        organisation = organisations.get(case.organisation)
        if organisation is None:
            organisation = organisations[case.organisation] = Organisation.objects.create(name=case.organisation)
        case.service_user_record, case.organisation_record = person, organisation
        case.save(update_fields=["service_user_record", "organisation_record"])
        decision = Decision.objects.create(case=case, decided_on=case.decision_date, report_issue_date=case.report_issue_date)
        FeedbackCase.objects.filter(case=case).update(decision=decision)


def names_from_records(apps, schema_editor):
    Case = apps.get_model("casework", "Case")
    for case in Case.objects.select_related("service_user_record", "organisation_record").iterator(chunk_size=2000):
        person = case.service_user_record
        case.service_user, case.organisation = person.name, case.organisation_record.name
        case.reviews_go_to_oat_first = person.reviews_go_to_oat_first
        case.behaviour_restriction = person.behaviour_restricted_from is not None
        case.save(update_fields=["service_user", "organisation", "reviews_go_to_oat_first", "behaviour_restriction"])
    apps.get_model("casework", "FeedbackCase").objects.update(decision=None)
    apps.get_model("casework", "Decision").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0020_letters_outbox_notices"),
    ]

    operations = [
        migrations.CreateModel(
            name="Organisation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "address_lines",
                    models.TextField(blank=True, help_text="One line of the address per line, without the postcode"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("name", models.CharField(db_index=True, max_length=200)),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="ServiceUser",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "address_lines",
                    models.TextField(blank=True, help_text="One line of the address per line, without the postcode"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("phone", models.CharField(blank=True, max_length=30)),
                ("reference", models.CharField(max_length=20, unique=True)),
                ("name", models.CharField(db_index=True, max_length=200)),
                (
                    "preferred_channel",
                    models.CharField(
                        choices=[("email", "Email"), ("post", "Post"), ("phone", "Phone")], default="post", max_length=10
                    ),
                ),
                (
                    "preferred_format",
                    models.CharField(blank=True, help_text="For example, large print or Braille", max_length=120),
                ),
                (
                    "reasonable_adjustments",
                    models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(20000)]),
                ),
                (
                    "reviews_go_to_oat_first",
                    models.BooleanField(
                        default=False,
                        help_text="OAT asked that any complaint about our decision is passed straight to them (para 37)",
                    ),
                ),
                (
                    "behaviour_restricted_from",
                    models.DateField(
                        blank=True,
                        help_text="Access to a review restricted under the unacceptable behaviour policy (para 22)",
                        null=True,
                    ),
                ),
                (
                    "behaviour_restriction_review",
                    models.DateField(blank=True, help_text="When the restriction is next reviewed", null=True),
                ),
            ],
            options={
                "ordering": ["name", "reference"],
            },
        ),
        migrations.AddField(
            model_name="case",
            name="version",
            field=models.PositiveIntegerField(
                default=1, help_text="Raised by every correction; a change from an older one is refused"
            ),
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("decided_on", models.DateField()),
                ("what_was_decided", models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(20000)])),
                ("report_issue_date", models.DateField(blank=True, null=True)),
                (
                    "case",
                    models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="decisions", to="casework.case"),
                ),
            ],
            options={
                "ordering": ["decided_on", "id"],
            },
        ),
        migrations.AddField(
            model_name="feedbackcase",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                help_text="The decision complained about; its deadlines run from it (para 20). None: the case's decision",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="feedback",
                to="casework.decision",
            ),
        ),
        migrations.CreateModel(
            name="Representative",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "address_lines",
                    models.TextField(blank=True, help_text="One line of the address per line, without the postcode"),
                ),
                ("postcode", models.CharField(blank=True, max_length=10)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("phone", models.CharField(blank=True, max_length=30)),
                (
                    "acting_as",
                    models.CharField(
                        choices=[("representative", "Representative"), ("mp", "Member of Parliament")], max_length=20
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                (
                    "organisation",
                    models.CharField(blank=True, help_text="Their firm or charity, or an MP's constituency", max_length=200),
                ),
                ("consent_given_by", models.CharField(help_text="Who consented to them acting", max_length=200)),
                ("consent_given_on", models.DateField()),
                (
                    "consent_form",
                    models.CharField(
                        choices=[
                            ("written", "Signed consent form or letter"),
                            ("email", "Email"),
                            ("verbal", "Verbal, recorded in a call note"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "service_user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="representatives", to="casework.serviceuser"
                    ),
                ),
            ],
            options={
                "ordering": ["name", "id"],
            },
        ),
        migrations.AddField(
            model_name="case",
            name="service_user_record",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="casework.serviceuser"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="organisation_record",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="casework.organisation"
            ),
        ),
        migrations.RunPython(records_from_names, names_from_records),
        migrations.RemoveField(
            model_name="case",
            name="behaviour_restriction",
        ),
        migrations.RemoveField(
            model_name="case",
            name="reviews_go_to_oat_first",
        ),
        migrations.RemoveField(model_name="case", name="service_user"),
        migrations.RemoveField(model_name="case", name="organisation"),
        migrations.RenameField(model_name="case", old_name="service_user_record", new_name="service_user"),
        migrations.RenameField(model_name="case", old_name="organisation_record", new_name="organisation"),
        migrations.AlterField(
            model_name="case",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="casework.organisation",
                verbose_name="organisation complained about",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="service_user",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="cases", to="casework.serviceuser"),
        ),
    ]
