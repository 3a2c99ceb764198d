"""Para 74: every letter that ends a review path tells the complainant our internal complaints
process has ended, however an administrator edits the templates."""

from __future__ import annotations

import pytest

from casework.models import Letter, LetterTemplate
from casework.read import reference_cache
from casework.reference_defaults import EXIT_LETTER_TEMPLATES, LETTER_TEMPLATES, REVIEW_LETTER_TEMPLATES
from casework.services.errors import Refused
from casework.services.feedback import take_action
from casework.services.records import write_letter
from policy.letters import END_OF_PROCESS
from tests.services.conftest import AFTER_DEADLINE, DEADLINE, INVITE, LATE, REQUEST, footprint, grounds_on

pytestmark = pytest.mark.django_db

NOT_ACTIONABLE = {"is_challenge": True, "clear_evidence": False, "genuine_doubt": False, "reasons": "Unhappy, no evidence"}
CLOSING = sorted(
    template["code"]
    for template in LETTER_TEMPLATES + REVIEW_LETTER_TEMPLATES + EXIT_LETTER_TEMPLATES
    if template["ends_internal_process"]
)


def with_grounds_dates(feedback):
    """The grounds' deadline and arrival, which some closing letters print."""
    feedback.grounds_deadline, feedback.grounds_received_date = DEADLINE, LATE
    feedback.save(update_fields=["grounds_deadline", "grounds_received_date"])
    return feedback


def test_the_seeded_closing_templates_are_the_ones_checked_here():
    seeded = set(LetterTemplate.objects.filter(ends_internal_process=True).values_list("code", flat=True))

    assert seeded == set(CLOSING)
    assert {
        "time_limit_decline",
        "no_review_low_level",
        "no_review_high_risk",
        "no_further_action",
        "review_criteria_not_met",
        "review_decision",
        "behaviour_decline",
        "late_complaint_not_considered",
    } <= seeded


@pytest.mark.policy("74")
@pytest.mark.parametrize("code", CLOSING)
def test_every_seeded_closing_letter_says_the_internal_process_has_ended(complaint, caseworker, code):
    letter = write_letter(
        with_grounds_dates(complaint()), code, addressee="Alice Brown", by=caseworker, extra={"reasons": "No explanation"}
    )

    assert END_OF_PROCESS in letter.body
    assert Letter.objects.get(pk=letter.pk).body == letter.body


@pytest.mark.policy("74")
@pytest.mark.parametrize("code", CLOSING)
def test_a_closing_letter_whose_template_lost_the_statement_is_not_written(complaint, caseworker, code):
    feedback = with_grounds_dates(complaint())
    template = LetterTemplate.objects.get(code=code)
    LetterTemplate.objects.filter(pk=template.pk).update(body=template.body.replace(END_OF_PROCESS, "Kind regards."))
    reference_cache.forget()  # the templates read afresh, as after an administrator's change

    with pytest.raises(Refused) as refused:
        write_letter(feedback, code, addressee="Alice Brown", by=caseworker, extra={"reasons": "No explanation"})

    assert [reason.paragraph for reason in refused.value.reasons] == ["74"]
    assert not Letter.objects.filter(template=template).exists()


@pytest.mark.policy("74", "35")
def test_declining_for_time_is_refused_while_its_letter_would_not_end_the_process(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)
    template = LetterTemplate.objects.get(code="time_limit_decline")
    LetterTemplate.objects.filter(pk=template.pk).update(body=template.body.replace(END_OF_PROCESS, ""))
    reference_cache.forget()  # the templates read afresh, as after an administrator's change
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "decline_for_time", {"reasons": "No explanation"}, AFTER_DEADLINE)

    assert [reason.paragraph for reason in refused.value.reasons] == ["74"]
    assert footprint(feedback) == before


@pytest.mark.policy("74", "35")
def test_unticking_the_closing_flag_does_not_let_a_closing_letter_lose_the_statement(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST, grounds_on(LATE), INVITE)
    template = LetterTemplate.objects.get(code="time_limit_decline")
    LetterTemplate.objects.filter(pk=template.pk).update(
        body=template.body.replace(END_OF_PROCESS, ""), ends_internal_process=False
    )
    reference_cache.forget()  # the templates read afresh, as after an administrator's change

    try:
        take_action(caseworker, feedback.reference, "decline_for_time", {"reasons": "No explanation"}, AFTER_DEADLINE)
    except Refused as refused:
        assert [reason.paragraph for reason in refused.reasons] == ["74"]
    letter = Letter.objects.filter(feedback_case=feedback, template=template).first()
    assert letter is None or END_OF_PROCESS in letter.body


def test_a_letter_keeps_the_service_users_name_and_our_reasons_as_written(complaint, walk, caseworker):
    feedback = walk(complaint(service_user="Seán O'Brien"), REQUEST, grounds_on(LATE), INVITE)

    take_action(
        caseworker, feedback.reference, "decline_for_time", {"reasons": "You didn't say why & sent it late"}, AFTER_DEADLINE
    )

    body = Letter.objects.get(feedback_case=feedback, template__code="time_limit_decline").body
    assert "Dear Seán O'Brien" in body
    assert "You didn't say why & sent it late" in body


@pytest.mark.policy("74")
def test_closing_as_not_actionable_is_refused_while_its_letter_would_not_end_the_process(considering, walk, caseworker):
    feedback = walk(considering(), ("record_challenge_analysis", NOT_ACTIONABLE, AFTER_DEADLINE))
    template = LetterTemplate.objects.get(code="no_further_action")
    LetterTemplate.objects.filter(pk=template.pk).update(
        body=template.body.replace(END_OF_PROCESS, ""), ends_internal_process=False
    )
    reference_cache.forget()  # the templates read afresh, as after an administrator's change
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "close_not_actionable", {"signpost_jr": False}, AFTER_DEADLINE)

    assert [reason.paragraph for reason in refused.value.reasons] == ["74"]
    assert footprint(feedback) == before
