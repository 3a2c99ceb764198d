"""The letter that closes a complaint about our decision when the grounds never arrived (paras 32, 74)."""

from django.db import migrations

from casework import reference_defaults as defaults


def seed(apps, schema_editor):
    Template = apps.get_model("casework", "LetterTemplate")
    template = next(template for template in defaults.LETTER_TEMPLATES if template["code"] == "no_grounds_received")
    Template.objects.get_or_create(code=template["code"], defaults=template)


class Migration(migrations.Migration):
    dependencies = [("casework", "0013_typed_records_drop_blobs")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
