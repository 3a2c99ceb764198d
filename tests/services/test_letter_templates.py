"""Letter templates render in a sandbox from a fixed context of plain values (casework.letters);
every exit that ends the process writes its closing letter (para 74); grounds are never asked for by
a date already gone (para 32)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model

from casework.letters.context import letter_context
from casework.letters.names import CONTEXT, ITEMS
from casework.letters.sandbox import template_refusals
from casework.models import Letter, LetterTemplate
from casework.reference_defaults import (
    AFTER_REVIEW_LETTER_TEMPLATES,
    EXIT_LETTER_TEMPLATES,
    LETTER_TEMPLATES,
    REVIEW_LETTER_TEMPLATES,
)
from casework.services.errors import Refused
from casework.services.feedback import take_action
from casework.services.records import write_letter
from policy.letters import END_OF_PROCESS
from tests.services.conftest import AFTER_DEADLINE, footprint

pytestmark = pytest.mark.django_db

DEFAULTS = LETTER_TEMPLATES + REVIEW_LETTER_TEMPLATES + AFTER_REVIEW_LETTER_TEMPLATES + EXIT_LETTER_TEMPLATES


def a_template(body: str, subject: str = "About {{ case_reference }}") -> LetterTemplate:
    return LetterTemplate(code="trial", name="Trial", subject=subject, body=body)


@pytest.mark.parametrize("template", DEFAULTS, ids=lambda template: template["code"])
def test_every_default_template_uses_only_the_letter_context(template):
    assert template_refusals(template["subject"]) == []
    assert template_refusals(template["body"]) == []


def test_every_stored_template_was_rewritten_to_the_sandbox_and_passes_its_checks():
    for template in LetterTemplate.objects.all():
        template.full_clean()


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Dear {{ author.password }}", "'author' is not in the letter context"),
        ("{{ feedback.case.case_owner.password }}", "'feedback' is not in the letter context"),
        ("{{ case_owner_name.password }}", "'case_owner_name.password' is not in the letter context"),
        ("{{ api_token }}", "'api_token' is not in the letter context"),
        ("{% for ground in grounds %}{{ ground.password }}{% endfor %}", "'ground.password' is not in the letter context"),
        ("{{ service_user.__class__.__mro__ }}", "'service_user.__class__' is not in the letter context"),
        ("{{ range(10) }}", "'range' is not in the letter context"),
        ("{{ service_user|attr('__class__') }}", "No filter named 'attr'"),
    ],
)
def test_a_template_reaching_outside_the_letter_context_is_refused_when_saved_naming_what_it_reaches(body, named):
    with pytest.raises(ValidationError) as refused:
        a_template(body).full_clean()

    assert any(named in message for message in refused.value.message_dict["body"])


def test_a_subject_reaching_outside_the_letter_context_is_refused_too():
    with pytest.raises(ValidationError) as refused:
        a_template("Dear {{ service_user }}", subject="{{ case.reference }}").full_clean()

    assert refused.value.message_dict["subject"] == ["'case' is not in the letter context"]


@pytest.mark.policy("74")
def test_a_closing_template_without_the_end_of_process_statement_is_refused_when_saved():
    template = a_template("Dear {{ service_user }}")
    template.ends_internal_process = True

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    assert "para 74" in refused.value.message_dict["body"][0]


def test_the_documented_context_is_the_context_a_letter_renders_from_and_holds_no_model(complaint, caseworker):
    context = letter_context(complaint(), caseworker, date(2026, 11, 27), {"reasons": "Late"})

    assert context.keys() == CONTEXT.keys()
    assert not [name for name, value in context.items() if isinstance(value, Model)]
    assert all(vars(item).keys() == ITEMS[name].keys() for name in ITEMS for item in context[name])


def test_the_sandbox_refuses_attribute_access_at_render_even_in_a_template_stored_unchecked(complaint, caseworker):
    feedback = complaint()
    LetterTemplate.objects.create(code="sly", name="Sly", subject="S", body="{{ service_user.__class__.__mro__ }}")

    with pytest.raises(Refused) as refused:
        write_letter(feedback, "sly", addressee="Alice Brown", by=caseworker)

    assert "cannot be written" in refused.value.reasons[0].text
    assert not Letter.objects.filter(template__code="sly").exists()


def test_a_template_printing_a_value_not_yet_recorded_is_refused_not_left_blank(complaint, caseworker):
    feedback = complaint()  # no grounds asked for yet, so no deadline

    with pytest.raises(Refused) as refused:
        write_letter(feedback, "late_explanation_request", addressee="Alice Brown", by=caseworker)

    assert "'grounds_received_date' is not recorded" in refused.value.reasons[0].text


def test_a_letter_renders_plain_values_and_keeps_the_service_users_name_as_written(complaint, caseworker):
    feedback = complaint(service_user="Seán O'Brien")

    letter = write_letter(feedback, "acknowledgement", addressee="Seán O'Brien", by=caseworker)

    assert letter.body.startswith("Dear Seán O'Brien\n\n")
    assert feedback.case.reference in letter.subject


@pytest.mark.policy("22", "74")
def test_declining_for_unacceptable_behaviour_writes_the_closing_letter_with_the_reasons(complaint, walk):
    feedback = walk(
        complaint(behaviour_restriction=True),
        ("decline_for_behaviour", {"reason": "Abusive calls to staff on 3 and 5 November"}, AFTER_DEADLINE),
    )

    letter = Letter.objects.get(feedback_case=feedback, template__code="behaviour_decline")
    assert "Abusive calls to staff on 3 and 5 November" in letter.body
    assert END_OF_PROCESS in letter.body


@pytest.mark.policy("2", "74")
def test_not_considering_a_complaint_raised_too_late_writes_the_closing_letter_with_the_reasons(complaint, walk):
    feedback = walk(
        complaint(decision_date=date(2026, 9, 1)),
        ("decline_late_feedback", {"reason": "Raised nearly three months after the decision"}, AFTER_DEADLINE),
    )

    letter = Letter.objects.get(feedback_case=feedback, template__code="late_complaint_not_considered")
    assert "Raised nearly three months after the decision" in letter.body
    assert END_OF_PROCESS in letter.body


@pytest.mark.policy("50", "74")
def test_the_not_upheld_review_letter_gives_oats_reasons_on_each_ground(at_oat, oat):
    feedback = at_oat()
    for name, inputs in (
        ("oat_outcome_accepted", {"advice": "Review"}),
        (
            "record_review_decision",
            {
                "finding_overlooked": "not_upheld",
                "reasons_overlooked": "The discharge letter was read and is quoted in the report",
                "handling_feedback": "Fine",
                "proportionate": True,
            },
        ),
        ("send_review_decision", {}),
    ):
        feedback = take_action(oat, feedback.reference, name, inputs, AFTER_DEADLINE)

    body = Letter.objects.get(feedback_case=feedback, template__code="review_decision").body
    assert "Not upheld: The discharge letter was read and is quoted in the report" in body
    assert END_OF_PROCESS in body


@pytest.mark.policy("50")
def test_a_ground_not_upheld_needs_oats_reasons(at_oat, oat):
    feedback = take_action(oat, at_oat().reference, "oat_outcome_accepted", {"advice": "Review"}, AFTER_DEADLINE)
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(
            oat,
            feedback.reference,
            "record_review_decision",
            {"finding_overlooked": "not_upheld", "handling_feedback": "Fine", "proportionate": True},
            AFTER_DEADLINE,
        )

    assert [(reason.paragraph, reason.field) for reason in refused.value.reasons] == [("50", "reasons_overlooked")]
    assert footprint(feedback) == before


@pytest.mark.policy("32")
def test_grounds_are_not_asked_for_by_a_deadline_already_gone(complaint, caseworker):
    feedback = complaint(decision_date=date(2026, 9, 1))  # the deadline was 1 October 2026
    before = footprint(feedback)

    with pytest.raises(Refused) as refused:
        take_action(caseworker, feedback.reference, "request_grounds", {}, date(2026, 11, 27))

    assert [reason.paragraph for reason in refused.value.reasons] == ["32"]
    assert "1 October 2026, has already passed" in refused.value.reasons[0].text
    assert footprint(feedback) == before
    assert not Letter.objects.filter(feedback_case=feedback, template__code="grounds_request").exists()


@pytest.mark.policy("32")
def test_with_a_new_deadline_agreed_by_the_manager_the_grounds_are_asked_for_by_it(complaint, caseworker, manager):
    feedback = complaint(decision_date=date(2026, 9, 1))
    today = date(2026, 11, 27)

    with pytest.raises(Refused) as refused:
        take_action(
            caseworker, feedback.reference, "agree_grounds_deadline", {"new_deadline": date(2026, 12, 28), "reason": "Ill"}, today
        )
    assert refused.value.reasons[0].paragraph == "32"  # the manager agrees it, not the case owner

    take_action(
        manager,
        feedback.reference,
        "agree_grounds_deadline",
        {"new_deadline": date(2026, 12, 28), "reason": "In hospital"},
        today,
    )
    feedback = take_action(caseworker, feedback.reference, "request_grounds", {}, today)

    assert feedback.grounds_deadline == date(2026, 12, 28)
    assert "by 28 December 2026" in Letter.objects.get(feedback_case=feedback, template__code="grounds_request").body
    assert feedback.events.filter(action="agree_grounds_deadline", actor=manager).exists()


@pytest.mark.policy("32")
def test_a_new_deadline_must_be_still_to_come(complaint, manager):
    feedback = complaint(decision_date=date(2026, 9, 1))

    with pytest.raises(Refused) as refused:
        take_action(
            manager,
            feedback.reference,
            "agree_grounds_deadline",
            {"new_deadline": date(2026, 11, 27), "reason": "Ill"},
            date(2026, 11, 27),
        )

    assert [(reason.paragraph, reason.field) for reason in refused.value.reasons] == [("32", "new_deadline")]


def test_the_administrators_guide_documents_every_name_of_the_letter_context():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "letter-templates.md").read_text()

    for name, text in CONTEXT.items():
        assert f"| `{name}` | {text} |" in guide
    for parts in ITEMS.values():
        for part, text in parts.items():
            assert f".{part}` | {text} |" in guide
