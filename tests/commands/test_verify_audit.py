"""`redress verify-audit` names the first event that was changed behind the application's back, and
finds the newest events removed even when whoever removed them also reset the chain."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from casework.models import AuditChainHead, Event
from casework.services.audit import record_event
from tests.audit_tampering import rewrite_and_rechain, tampering, truncate

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_notes(caseworker, capsys, django_capture_on_commit_callbacks):
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            record_event(caseworker, "note", f"Note {number}")
    call_command("verify_audit")
    assert "3 events verified" in capsys.readouterr().out
    return list(Event.objects.order_by("id"))


def test_editing_an_audit_row_in_the_database_makes_verify_fail_and_name_it(three_notes):
    with tampering():
        Event.objects.filter(pk=three_notes[1].pk).update(summary="Quietly rewritten")

    with pytest.raises(CommandError, match=f"event #{three_notes[1].pk}"):
        call_command("verify_audit")


def test_rewriting_an_event_and_recomputing_every_later_hash_and_the_head_makes_verify_fail_at_it(three_notes):
    rewrite_and_rechain(three_notes[0], summary="Quietly rewritten")

    with pytest.raises(CommandError, match=f"event #{three_notes[0].pk}.*seal"):
        call_command("verify_audit")


def test_removing_the_newest_events_and_putting_the_old_head_back_makes_verify_fail(three_notes):
    head_before_the_last = {"last_hash": three_notes[1].hash}
    truncate(three_notes[-1:])
    # Even with a genuine seal for the old head (a copy kept from before), the checkpoint kept
    # outside the database still names the removed event.
    head = AuditChainHead.objects.get()
    head.last_hash = head_before_the_last["last_hash"]
    AuditChainHead.objects.filter(pk=head.pk).update(last_hash=head.last_hash, seal=head.sealed())

    with pytest.raises(CommandError, match=f"names event #{three_notes[-1].pk}, which is missing"):
        call_command("verify_audit")
