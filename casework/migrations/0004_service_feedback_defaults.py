"""Seed who is copied on positive feedback, and the letters of the service-feedback paths."""

from django.db import migrations

from casework import reference_defaults as defaults


def seed(apps, schema_editor):
    Contact = apps.get_model("casework", "LeadershipContact")
    for role, name, email in defaults.LEADERSHIP:
        Contact.objects.get_or_create(role=role, defaults={"name": name, "email": email})
    Template = apps.get_model("casework", "LetterTemplate")
    for template in defaults.LETTER_TEMPLATES:
        Template.objects.get_or_create(code=template["code"], defaults=template)


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_service_feedback")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
