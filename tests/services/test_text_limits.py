"""A text answer longer than the policy's limit is refused, naming the field, and nothing is written:
no state change, no letter, no audit event carrying megabytes."""

from __future__ import annotations

import pytest

from casework.models import Event
from casework.services.errors import Refused
from casework.services.feedback import take_action
from policy.limits import LONG_TEXT_MAX_LENGTH
from tests.services.conftest import LATE, REQUEST, footprint, grounds_on

pytestmark = pytest.mark.django_db


def test_a_two_million_character_answer_is_refused_naming_the_field_and_nothing_is_written(complaint, walk):
    feedback = walk(complaint(), REQUEST)
    before, events = footprint(feedback), Event.objects.count()
    name, inputs, today = grounds_on(LATE)

    with pytest.raises(Refused) as refused:
        take_action(feedback.case.case_owner, feedback.reference, name, {**inputs, "why_wrong": "x" * 2_400_000}, today)

    [reason] = refused.value.reasons
    assert (reason.field, reason.paragraph) == ("why_wrong", "30")
    assert "too long: 2,400,000 characters" in reason.text
    assert (footprint(feedback), Event.objects.count()) == (before, events)


def test_an_answer_of_exactly_the_limit_is_taken(complaint, walk):
    feedback = walk(complaint(), REQUEST)
    name, inputs, today = grounds_on(LATE)

    feedback = take_action(
        feedback.case.case_owner, feedback.reference, name, {**inputs, "why_wrong": "x" * LONG_TEXT_MAX_LENGTH}, today
    )

    assert feedback.state != "grounds_requested"


def test_the_models_refuse_the_same_text_wherever_it_is_saved_from():
    from django.core.exceptions import ValidationError

    from casework.models import FeedbackCase

    with pytest.raises(ValidationError) as refused:
        FeedbackCase(summary="x" * (LONG_TEXT_MAX_LENGTH + 1)).clean_fields(
            exclude=[f.name for f in FeedbackCase._meta.fields if f.name != "summary"]
        )
    assert list(refused.value.message_dict) == ["summary"]
