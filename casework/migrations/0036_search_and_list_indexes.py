"""Indexes for the lists that grow with the caseload: a team's cases in the order shown; whether a
member of staff, a service user or an organisation has a case in a team; and, on PostgreSQL,
trigram indexes for searching by part of a reference or name.

Django's `icontains` is `UPPER(column::text) LIKE UPPER(%s)` on PostgreSQL, so each trigram index is
on `UPPER(column::text)`. SQLite has no trigram index: there a search scans, as before."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

# (table, column, index): what a search matches by part (`casework.read.search`, `casework.read.people`).
TRIGRAM_INDEXES = [
    ("casework_case", "reference", "case_reference_trgm"),
    ("casework_feedbackcase", "reference", "feedback_reference_trgm"),
    ("casework_serviceuser", "name", "serviceuser_name_trgm"),
    ("casework_serviceuser", "email", "serviceuser_email_trgm"),
    ("casework_organisation", "name", "organisation_name_trgm"),
]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column, index in TRIGRAM_INDEXES:
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)")
    for table in sorted({table for table, _, _ in TRIGRAM_INDEXES}):
        schema_editor.execute(f"ANALYZE {table}")  # the statistics of each indexed expression, for the planner


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, _, index in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0035_learning_newest_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["team", "reference"], name="case_team_reference_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["team", "decision_date", "reference"], name="case_team_decided_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["decision_date", "reference"], name="case_decided_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["case_owner", "team"], name="case_owner_team_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["service_user", "team"], name="case_person_team_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["organisation", "team"], name="case_organisation_team_idx"),
        ),
        migrations.AddIndex(
            model_name="serviceuser",
            index=models.Index(django.db.models.functions.text.Upper("reference"), name="serviceuser_reference_upper"),
        ),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
