"""On PostgreSQL, a sequence per kind of reference, starting after the highest number given out so far."""

from django.db import migrations

# (prefix, sequence, table): as casework.services.records.REFERENCE_SEQUENCES names them.
KINDS = (
    ("FB-", "casework_feedback_reference_seq", "casework_feedbackcase"),
    ("SU-", "casework_service_user_reference_seq", "casework_serviceuser"),
)


def create_sequences(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    counter = apps.get_model("casework", "ReferenceCounter")
    with schema_editor.connection.cursor() as cursor:
        for prefix, sequence, table in KINDS:
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {sequence} AS bigint MINVALUE 1")
            cursor.execute(
                f"SELECT max(substring(reference FROM %s)::bigint) FROM {table} WHERE reference ~ %s",  # noqa: S608 - our names
                [f"^{prefix}([0-9]+)$", f"^{prefix}[0-9]+$"],
            )
            highest = cursor.fetchone()[0] or 0
            given = counter.objects.filter(prefix=prefix).values_list("last", flat=True).first() or 0
            if max(highest, given):
                cursor.execute("SELECT setval(%s, %s)", [sequence, max(highest, given)])


def drop_sequences(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for _prefix, sequence, _table in KINDS:
            cursor.execute(f"DROP SEQUENCE IF EXISTS {sequence}")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0027_outbox_claim_lease"),
    ]

    operations = [migrations.RunPython(create_sequences, drop_sequences)]
