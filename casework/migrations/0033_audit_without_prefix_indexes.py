"""On PostgreSQL, a unique text column gets a second index for `LIKE 'prefix%'` searches. Nothing
searches the audit events' hashes or the chain heads' names by prefix (they are found by the whole
value, through the unique index), and every event written, by the thousand in an import, stored
itself in both: the prefix indexes go. SQLite has no such indexes."""

from django.db import migrations

PREFIX_INDEXES = {"casework_event": "hash", "casework_auditchainhead": "chain"}


def _prefix_indexes(cursor) -> list[str]:
    cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [list(PREFIX_INDEXES)])
    return [index for table, index, made in cursor.fetchall() if f"({PREFIX_INDEXES[table]} varchar_pattern_ops)" in made]


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for index in _prefix_indexes(cursor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in PREFIX_INDEXES.items():
        name = schema_editor._create_index_name(table, [column], suffix="_like")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} ON {schema_editor.quote_name(table)} "
            f"({schema_editor.quote_name(column)} varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0032_list_indexes"),
    ]

    operations = [migrations.RunPython(drop, restore)]
