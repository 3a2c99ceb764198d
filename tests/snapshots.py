"""Putting back the rows the migrations seeded, in a statement or two a table.

A transactional test (the browser tests' live server among them) empties every table when it ends,
and serialized rollback puts back a snapshot of what the migrations seeded: some 400 rows
(permissions, content types, role groups, letter templates, reference data). Django saves them one
at a time, an UPDATE and then an INSERT each: some 800 round trips, for every transactional test,
which on a busy PostgreSQL server took seconds. Here each table's rows go in one upsert, which
leaves the tables as Django's own restore would: rows of the snapshot as they were, others as they are.
"""

from collections import defaultdict

from django.core import serializers
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation


def restore_in_bulk(creation: BaseDatabaseCreation, data: str) -> None:
    connection = creation.connection
    rows = defaultdict(list)
    for deserialized in serializers.deserialize("json", data, using=connection.alias):
        rows[type(deserialized.object)].append(deserialized)
    with transaction.atomic(using=connection.alias), connection.constraint_checks_disabled():
        for model, saved in rows.items():
            columns = [field.name for field in model._meta.concrete_fields if not field.primary_key]
            model._base_manager.using(connection.alias).bulk_create(
                [each.object for each in saved],
                update_conflicts=bool(columns),
                ignore_conflicts=not columns,
                unique_fields=[model._meta.pk.name] if columns else None,
                update_fields=columns or None,
            )
            for each in saved:
                for name, values in (each.m2m_data or {}).items():
                    getattr(each.object, name).set(values)
        connection.check_constraints(table_names=[model._meta.db_table for model in rows])
    from casework.read import reference_cache

    reference_cache.forget()  # as the post_save signals of a row-by-row restore would


def install() -> None:
    BaseDatabaseCreation.deserialize_db_from_string = restore_in_bulk
