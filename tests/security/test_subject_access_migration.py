"""Subject access requests logged when they named a person by name: the migration links each to
the one service user of that name, and stops, naming the request, when there is none or several."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("casework", "0023_judicial_review_reminder")]
AFTER = [("casework", "0024_subject_access_names_a_service_user")]


def migrated(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def a_request_naming(apps, name: str):
    admin = apps.get_model("auth", "User").objects.create(username=f"admin-{name}", is_staff=True)
    day = date(2026, 11, 20)
    return apps.get_model("casework", "SubjectAccessRequest").objects.create(
        person=name, received_on=day, due_on=day, logged_by=admin, assigned_to=admin
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_is_linked_to_the_one_person_of_its_name():
    apps = migrated(BEFORE)
    ann = apps.get_model("casework", "ServiceUser").objects.create(reference="SU-000001", name="Ann Lee")
    request = a_request_naming(apps, " ann lee")
    try:
        apps = migrated(AFTER)
        assert apps.get_model("casework", "SubjectAccessRequest").objects.get(pk=request.pk).service_user_id == ann.pk
    finally:
        migrated(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_naming_nobody_we_hold_stops_the_migration_and_says_which():
    apps = migrated(BEFORE)
    request = a_request_naming(apps, "Nobody Known")
    try:
        with pytest.raises(RuntimeError, match=f"request {request.pk} names 'Nobody Known'.*no service user"):
            migrated(AFTER)
    finally:
        apps.get_model("casework", "SubjectAccessRequest").objects.all().delete()
        migrated(MigrationExecutor(connection).loader.graph.leaf_nodes())
