"""Cases recorded before service users and organisations were records: the migration gives each
distinct name one record, carries the case's flags to the person, and gives each case its decision."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = [("casework", "0020_letters_outbox_notices")], [("casework", "0021_people_and_decisions")]


def migrated(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_cases_get_one_record_per_name_with_their_flags_and_decision():
    apps = migrated(BEFORE)
    team = apps.get_model("casework", "Team").objects.create(name="Old team")
    owner = apps.get_model("auth", "User").objects.create(username="old-owner")
    Case = apps.get_model("casework", "Case")
    common = {"team": team, "case_owner": owner, "manager": owner, "stage": "primary", "risk": "low"}
    first = Case.objects.create(
        reference="OLD-1", service_user="Ann Lee", organisation="Trust", decision_date=date(2026, 3, 1), **common
    )
    Case.objects.create(
        reference="OLD-2",
        service_user="Ann Lee",
        organisation="Trust",
        decision_date=date(2026, 5, 1),
        behaviour_restriction=True,
        reviews_go_to_oat_first=True,
        **common,
    )
    Case.objects.create(reference="OLD-3", service_user="Bo Li", organisation="Surgery", decision_date=date(2026, 6, 1), **common)
    apps.get_model("casework", "FeedbackCase").objects.create(
        reference="FB-OLD",
        case=first,
        kind="decision_complaint",
        state="received",
        received_date=date(2026, 3, 5),
        channel="email",
        received_by=owner,
        summary="Wrong",
        created_at="2026-03-05T10:00Z",
        updated_at="2026-03-05T10:00Z",
    )
    try:
        apps = migrated(AFTER)
        Case = apps.get_model("casework", "Case")
        ann = Case.objects.get(reference="OLD-1").service_user
        assert Case.objects.get(reference="OLD-2").service_user_id == ann.pk  # one person per distinct name
        assert (ann.name, ann.reviews_go_to_oat_first, ann.behaviour_restricted_from) == ("Ann Lee", True, date(2026, 5, 1))
        assert Case.objects.get(reference="OLD-3").service_user.name == "Bo Li"
        assert apps.get_model("casework", "Organisation").objects.count() == 2
        feedback = apps.get_model("casework", "FeedbackCase").objects.get(reference="FB-OLD")
        assert feedback.decision.decided_on == date(2026, 3, 1)
        assert apps.get_model("casework", "Decision").objects.count() == 3
    finally:
        migrated(MigrationExecutor(connection).loader.graph.leaf_nodes())
