"""The audit trail is append-only, hash-chained and sealed with a key held outside the database:
any edit or removal is found, even by someone who recomputes the hashes or resets the heads."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from casework.models import AuditChainHead, Event
from casework.services import checkpoint
from casework.services.audit import verify_chain
from tests.audit_tampering import forged, reset_heads_to_what_is_left, rewrite_and_rechain, tampering, truncate
from tests.services.conftest import AFTER_DEADLINE, INVITE, LATE, REQUEST, grounds_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(complaint, walk):
    """Two complaints taken a few steps each: a chain of several events."""
    walk(complaint(), REQUEST, grounds_on(LATE), INVITE, ("decline_for_time", {"reasons": "No explanation"}, AFTER_DEADLINE))
    walk(complaint(), REQUEST)
    events = list(Event.objects.order_by("id"))
    assert len(events) == 7
    return events


def test_the_chain_is_intact_after_a_journey(journey):
    check = verify_chain()

    assert check.intact
    assert check.events_checked == len(journey)
    assert check.broken_event is None


def test_an_empty_trail_is_intact(db):
    assert verify_chain().intact


@pytest.mark.parametrize("position", [0, 3, -1], ids=["first", "middle", "last"])
def test_editing_an_events_summary_is_found_at_that_event(journey, position):
    edited = journey[position]
    with tampering():
        Event.objects.filter(pk=edited.pk).update(summary="Nothing to see here")

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == edited.pk
    assert check.problem
    assert check.events_checked == journey.index(edited)


def test_an_edit_resealed_with_the_key_itself_is_still_found_at_the_next_event(journey):
    edited = Event.objects.get(pk=journey[2].pk)
    edited.after = {**edited.after, "state": "under_consideration"}
    with tampering():
        Event.objects.filter(pk=edited.pk).update(after=edited.after, hash=edited.compute_hash())

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == journey[3].pk
    assert "changed or removed" in check.problem


def test_removing_an_event_from_the_middle_is_found_at_the_event_after_it(journey):
    truncate([journey[3]])

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == journey[4].pk


@pytest.mark.parametrize("removed", [1, 2, 7], ids=["the last", "the last two", "all"])
def test_removing_the_newest_events_is_found(journey, removed):
    truncate(journey[-removed:])

    check = verify_chain()

    assert not check.intact
    assert check.broken_event is None
    assert check.events_checked == len(journey) - removed
    assert "removed" in check.problem


def test_an_event_cannot_be_saved_again(journey):
    event = Event.objects.get(pk=journey[0].pk)
    event.summary = "Changed"

    with pytest.raises(PermissionError):
        event.save()

    assert Event.objects.get(pk=event.pk).summary != "Changed"


def test_an_event_cannot_be_deleted(journey):
    event = Event.objects.get(pk=journey[0].pk)

    with pytest.raises(PermissionError):
        event.delete()

    assert Event.objects.filter(pk=event.pk).exists()
    assert verify_chain().intact


def test_each_feedback_case_has_its_own_chain(journey):
    chains = [event.chain for event in journey]

    assert len(set(chains)) == 2
    assert AuditChainHead.objects.count() == 2
    assert all(event.previous_hash == "0" * 64 for event in (journey[0], journey[5]))


def test_rewriting_one_event_and_recomputing_every_later_hash_is_found_at_that_event(journey):
    rewrite_and_rechain(journey[1], summary="Grounds were never asked for")

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == journey[1].pk
    assert "seal" in check.problem


def test_removing_the_newest_events_and_resetting_the_heads_is_found(journey):
    truncate(journey[-2:])
    reset_heads_to_what_is_left()

    check = verify_chain()

    assert not check.intact
    assert "was reset" in check.problem


def test_removing_the_newest_events_and_putting_back_an_old_copy_of_the_heads_is_found_by_the_checkpoint(
    complaint, walk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = complaint()
        old_head = AuditChainHead.objects.values("chain", "last_hash", "seal").get()
        walk(feedback, REQUEST)
    newest = Event.objects.order_by("-id").first()
    assert checkpoint.read()["event"] == newest.pk

    truncate([newest])
    AuditChainHead.objects.filter(chain=old_head["chain"]).update(**old_head)  # a copy kept from before
    check = verify_chain()

    assert not check.intact
    assert f"names event #{newest.pk}, which is missing" in check.problem


def test_a_checkpoint_not_sealed_with_the_key_is_reported(complaint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint()
    kept = checkpoint.read()
    checkpoint.path().write_text(f'{{"event": {kept["event"]}, "hash": "{kept["hash"]}", "seal": "{forged("x")}"}}')

    assert "not sealed" in verify_chain().problem


def test_the_checkpoint_only_moves_forwards(db):
    checkpoint.advance(7, "b" * 64)
    checkpoint.advance(5, "a" * 64)

    assert checkpoint.read()["event"] == 7


def test_the_database_refuses_to_change_or_delete_an_audit_event_on_postgresql(journey):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; on SQLite the database file is the boundary")
    for change in (
        lambda rows: rows.update(summary="Quietly rewritten"),
        lambda rows: rows._raw_delete(Event.objects.db),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change(Event.objects.filter(pk=journey[0].pk))

    assert verify_chain().intact


@pytest.mark.parametrize("actor", [None, 7])
@pytest.mark.parametrize("case", [None, 12])
def test_a_bulk_writers_content_is_the_canonical_json_every_event_is_sealed_by(actor, case):
    """The bulk writer builds each event's sealed text from pieces worked out once: it must be the
    very text `Event.content` gives, or the chain would not verify."""
    from casework.models.audit import canonical_json, content_json_of, sealed_content

    common = {
        "at": "2026-11-27T10:15:00.123456+00:00",
        "actor": actor,
        "actor_name": "Siân “Sam” O'Brien\\",
        "action": "import_case",
        "public_before": {"closed": True, "review_count": 2},
        "public_after": {"state": "é", "closed": None},
    }
    personal = "ab" * 32

    assert content_json_of(**common)(case, personal) == canonical_json(
        sealed_content(**common, case=case, feedback_case=None, personal_commitment=personal)
    )
