"""The audit trail is append-only and hash-chained: any edit or removal is found."""

from __future__ import annotations

import pytest

from casework.models import Event
from casework.services.audit import verify_chain
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
    Event.objects.filter(pk=edited.pk).update(summary="Nothing to see here")

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == edited.pk
    assert check.problem
    assert check.events_checked == journey.index(edited)


def test_an_edit_that_rewrites_its_own_hash_is_found_at_the_next_event(journey):
    edited = Event.objects.get(pk=journey[2].pk)
    edited.after = {**edited.after, "state": "under_consideration"}
    Event.objects.filter(pk=edited.pk).update(after=edited.after, hash=edited.compute_hash())

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == journey[3].pk
    assert "changed or removed" in check.problem


def test_removing_an_event_from_the_middle_is_found_at_the_event_after_it(journey):
    Event.objects.filter(pk=journey[4].pk)._raw_delete(Event.objects.db)

    check = verify_chain()

    assert not check.intact
    assert check.broken_event.pk == journey[5].pk


@pytest.mark.parametrize("removed", [1, 2, 7], ids=["the last", "the last two", "all"])
def test_removing_the_newest_events_is_found(journey, removed):
    Event.objects.filter(pk__in=[event.pk for event in journey[-removed:]])._raw_delete(Event.objects.db)

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
