"""Reference data an administrator changes in the admin reaches the forms, the rules and the due dates
without a change to the code: severity levels, Service Model sections, periods and delegation roles."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from casework.models import DelegationRule, LearningPoint, ServiceModelSection, SeverityLevel, Task, TimeLimit
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback, take_action
from policy.facts import Channel, FeedbackKind
from policy.workflows.holding import LATE_EXPLANATION
from tests.conftest import TODAY
from tests.services.conftest import AFTER_DEADLINE, INVITE, LATE, REQUEST, grounds_on, log_complaint

PASSWORD = "a-long-test-password"
UPHELD = {
    "what_happened": "Nine months without contact",
    "what_should_have_happened": "Updates every month",
    "difference": "Distress and uncertainty",
    "upheld": True,
}


@pytest.fixture
def upheld(make_case, caseworker, manager):
    """A complaint about our service, upheld by the manager, its risks assessed: a remedy may be offered."""
    feedback = log_feedback(
        caseworker, make_case(), NewFeedback(FeedbackKind.SERVICE_COMPLAINT, TODAY, Channel.EMAIL, "Nobody called me"), TODAY
    )
    take_action(manager, feedback.reference, "record_resolution_attempt", {"attempt": "Called them"}, TODAY)
    take_action(manager, feedback.reference, "record_finding", UPHELD, TODAY)
    take_action(manager, feedback.reference, "record_risk_assessment", {"risk": "low", "assessment": "None"}, TODAY)
    return feedback


def page(client, user, path):
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(path)
    assert response.status_code == 200, response.content.decode()
    return response.content.decode()


def test_a_severity_level_an_administrator_adds_is_offered_and_accepted(client, manager, upheld):
    SeverityLevel.objects.create(level=7, name="Exceptional", minimum_payment=Decimal(100000), maximum_payment=Decimal(250000))
    SeverityLevel.objects.update_or_create(level=1, defaults={"name": "Slight"})

    form = page(client, manager, f"/feedback/{upheld.reference}/actions/offer_remedy/")

    assert "Level 7: Exceptional" in form and "Level 1: Slight" in form
    payment = {"remedy_type": "financial", "details": "For lasting harm", "severity_level": "7", "amount": "120000"}
    take_action(manager, upheld.reference, "offer_remedy", payment, TODAY)
    assert upheld.remedies.get().severity_level == 7


def test_a_severity_level_an_administrator_removes_is_no_longer_accepted(manager, upheld):
    SeverityLevel.objects.filter(level=6).delete()
    payment = {"remedy_type": "financial", "details": "For lasting harm", "severity_level": "6", "amount": "30000"}

    with pytest.raises(Refused) as refused:
        take_action(manager, upheld.reference, "offer_remedy", payment, TODAY)

    assert refused.value.field_errors() == {
        "severity_level": ["Select one of the options offered for 'Severity of injustice level'"]
    }
    assert not upheld.remedies.exists()


def test_a_service_model_section_an_administrator_adds_is_offered_and_linked(client, manager, upheld):
    section = ServiceModelSection.objects.create(name="Section 8 Keeping in touch (para 8.5)")

    form = page(client, manager, f"/feedback/{upheld.reference}/actions/record_learning_point/")

    assert "Section 8 Keeping in touch (para 8.5)" in form
    point = {
        "kind": "individual",
        "text": "Call monthly",
        "service_model_section": section.name,
        "charter_commitment": "4",
        "shared_with": "The OM",
    }
    take_action(manager, upheld.reference, "record_learning_point", point, TODAY)
    assert LearningPoint.objects.get(feedback_case=upheld).service_model_section == section


def test_a_service_model_section_that_is_not_kept_is_refused(manager, upheld):
    point = {
        "kind": "individual",
        "text": "Call monthly",
        "service_model_section": "Section 99",
        "charter_commitment": "4",
        "shared_with": "The OM",
    }

    with pytest.raises(Refused) as refused:
        take_action(manager, upheld.reference, "record_learning_point", point, TODAY)

    assert list(refused.value.field_errors()) == ["service_model_section"]


def test_the_explanation_period_an_administrator_sets_gives_the_task_its_due_date(caseworker, make_case):
    TimeLimit.objects.update_or_create(code=LATE_EXPLANATION.code, defaults={"days": 21})
    feedback = log_complaint(caseworker, make_case)
    for name, inputs, today in (REQUEST, grounds_on(LATE), INVITE):
        take_action(caseworker, feedback.reference, name, inputs, today)

    task = Task.objects.get(feedback_case=feedback, code="late_explanation")
    assert task.due_date == AFTER_DEADLINE + timedelta(days=21)


def test_a_delegation_role_must_be_one_of_the_roles(db):
    rule = DelegationRule(subject="quash", role="ombudsmn", note="A typo")

    with pytest.raises(ValidationError) as invalid:
        rule.full_clean()

    assert "role" in invalid.value.message_dict


def test_the_admin_offers_the_roles_for_a_delegation_rule(admin_client, db):
    rule = DelegationRule.objects.get(subject="quash")

    html = admin_client.get(f"/admin/casework/delegationrule/{rule.pk}/change/").content.decode()

    assert '<option value="ombudsman" selected>Ombudsman or Deputy Ombudsman</option>' in html
    response = admin_client.post(
        f"/admin/casework/delegationrule/{rule.pk}/change/", {"subject": "quash", "role": "ombudsmn", "note": ""}
    )
    assert response.status_code == 200 and DelegationRule.objects.get(pk=rule.pk).role == "ombudsman"
