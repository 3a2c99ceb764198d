"""Service Model sections become reference data (learning points link to one), the delegation
table's role is one of the roles, and the late-explanation period is an administrator's to set."""

import django.db.models.deletion
from django.db import migrations, models

from casework import reference_defaults as defaults


def seed(apps, schema_editor):
    Section = apps.get_model("casework", "ServiceModelSection")
    for name in defaults.SERVICE_MODEL_SECTIONS:
        Section.objects.get_or_create(name=name)
    Limit = apps.get_model("casework", "TimeLimit")
    for code, days, description in defaults.TIME_LIMITS:
        Limit.objects.get_or_create(code=code, defaults={"days": days, "description": description})


def link_sections(apps, schema_editor):
    """Each section typed so far becomes a row (if it is not one already) and the point links to it."""
    Section = apps.get_model("casework", "ServiceModelSection")
    Point = apps.get_model("casework", "LearningPoint")
    typed = Point.objects.exclude(section_text="").values_list("section_text", flat=True).distinct()
    for text in typed:
        section, _ = Section.objects.get_or_create(name=text.strip()[:200])
        Point.objects.filter(section_text=text).update(service_model_section=section)
    _check_now(schema_editor)


def unlink_sections(apps, schema_editor):
    Point = apps.get_model("casework", "LearningPoint")
    for point in Point.objects.exclude(service_model_section=None).select_related("service_model_section"):
        point.section_text = point.service_model_section.name
        point.save(update_fields=["section_text"])
    _check_now(schema_editor)


def _check_now(schema_editor):
    """PostgreSQL will not alter a table with deferred checks pending, and a column goes next."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("casework", "0008_holding_periods")]

    operations = [
        migrations.CreateModel(
            name="ServiceModelSection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="For example, Section 2 Contacting the complainant (para 2.140)", max_length=200, unique=True
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RenameField("learningpoint", "service_model_section", "section_text"),
        migrations.AddField(
            model_name="learningpoint",
            name="service_model_section",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to="casework.servicemodelsection"
            ),
        ),
        migrations.RunPython(link_sections, unlink_sections),
        migrations.RemoveField("learningpoint", "section_text"),
        migrations.AlterField(
            model_name="delegationrule",
            name="role",
            field=models.CharField(
                choices=[
                    ("caseworker", "Caseworker (case owner)"),
                    ("manager", "Case owner's manager"),
                    ("oat", "Ombudsman's Assurance Team"),
                    ("legal", "Legal Team"),
                    ("ombudsman", "Ombudsman or Deputy Ombudsman"),
                    ("shared_services", "Shared services"),
                    ("joint_working", "Joint Working Team"),
                    ("director", "Director of Operations, Legal & Clinical"),
                    ("chief_executive", "Chief Executive"),
                ],
                help_text="The role that approves it",
                max_length=30,
            ),
        ),
    ]
