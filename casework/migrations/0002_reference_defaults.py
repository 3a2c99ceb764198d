"""Seed the default reference data of RULES.md and the role groups."""

from decimal import Decimal

from django.db import migrations

from casework import reference_defaults as defaults


def seed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in defaults.ROLES:
        Group.objects.get_or_create(name=role)

    Commitment = apps.get_model("casework", "ServiceCharterCommitment")
    number = 0
    for theme, texts in defaults.SERVICE_CHARTER:
        for text in texts:
            number += 1
            Commitment.objects.update_or_create(number=number, defaults={"theme": theme, "text": text})

    Severity = apps.get_model("casework", "SeverityLevel")
    for level, name, low, high, description in defaults.SEVERITY_SCALE:
        Severity.objects.update_or_create(
            level=level,
            defaults={
                "name": name,
                "minimum_payment": Decimal(low),
                "maximum_payment": Decimal(high),
                "description": description,
            },
        )

    Template = apps.get_model("casework", "LetterTemplate")
    for template in defaults.LETTER_TEMPLATES:
        Template.objects.update_or_create(code=template["code"], defaults=template)


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
