"""The use cases behind the pages: a further decision cannot predate the complaint; a
representative's details are corrected and their acting ended, each audited with what it was before;
an administrator opens every case record without seeing its feedback."""

from __future__ import annotations

from datetime import date

import pytest

from casework.models import Decision, Event, Representative
from casework.read.access import case_record_for, record_cases, visible_cases, visible_feedback
from casework.services.case_records import record_decision
from casework.services.errors import NotFound, Refused
from casework.services.service_users import add_representative, correct_representative, end_representative
from policy.facts import Role
from tests.conftest import make_person
from tests.services.conftest import log_complaint

TODAY = date(2026, 11, 30)
CONSENT = {"consent_given_by": "Alice Brown", "consent_given_on": date(2026, 11, 3), "consent_form": "written"}


@pytest.fixture
def sam(db):
    return make_person("sam", Role.SHARED_SERVICES)


def texts(error: Refused) -> list[str]:
    return [reason.text for reason in error.reasons]


def test_a_decision_dated_before_the_complaint_was_received_is_refused_and_nothing_written(sam, make_case):
    case = make_case(received_on=date(2026, 10, 1))
    values = {"decided_on": date(2026, 9, 30), "what_was_decided": "Part two is out of remit"}

    with pytest.raises(Refused) as refused:
        record_decision(sam, case.reference, values, TODAY)

    assert texts(refused.value) == ["The date of the decision must be on or after 1 October 2026, when we received the complaint"]
    assert not Decision.objects.exists() and not Event.objects.filter(action="record_decision").exists()
    decision = record_decision(sam, case.reference, {**values, "decided_on": date(2026, 10, 1)}, TODAY)
    assert decision.decided_on == date(2026, 10, 1)


def test_a_case_received_on_no_recorded_day_takes_any_past_decision(sam, make_case):
    case = make_case()
    record_decision(sam, case.reference, {"decided_on": date(2020, 1, 6), "what_was_decided": "Part one"}, TODAY)
    assert case.decisions.count() == 1


@pytest.fixture
def acting(sam, make_case):
    person = make_case().service_user
    return add_representative(sam, person.reference, {"acting_as": "representative", "name": "Rita Advocate", **CONSENT}, TODAY)


def test_a_representatives_correction_is_audited_with_what_it_was(sam, acting):
    correct_representative(
        sam, acting.service_user.reference, acting.pk, {"email": "rita@example.org", "name": "Rita Advocate"}, TODAY
    )

    event = Event.objects.get(action="correct_representative")
    assert event.before == {"representative": acting.pk, "email": ""}
    assert event.after == {"representative": acting.pk, "email": "rita@example.org"}


def test_a_correction_that_blanks_what_consent_needs_is_refused(sam, acting):
    with pytest.raises(Refused) as refused:
        correct_representative(sam, acting.service_user.reference, acting.pk, {"consent_given_by": ""}, TODAY)
    assert texts(refused.value) == ["Enter who gave consent"]
    assert Representative.objects.get().consent_given_by == "Alice Brown"


def test_acting_ends_once_not_before_consent_and_is_audited(sam, acting):
    reference = acting.service_user.reference
    with pytest.raises(Refused) as early:
        end_representative(sam, reference, acting.pk, date(2026, 11, 2), TODAY)
    assert "on or after 3 November 2026, when consent was given" in texts(early.value)[0]

    ended = end_representative(sam, reference, acting.pk, date(2026, 11, 20), TODAY)

    assert (
        ended.ended_on == date(2026, 11, 20) and not ended.acting_on(date(2026, 11, 20)) and ended.acting_on(date(2026, 11, 19))
    )
    assert Event.objects.get(action="end_representative").after == {"representative": acting.pk, "ended_on": "2026-11-20"}
    with pytest.raises(Refused) as twice:
        end_representative(sam, reference, acting.pk, TODAY, TODAY)
    assert texts(twice.value) == ["Rita Advocate stopped acting on 20 November 2026"]


def test_someone_elses_representative_is_not_found_and_only_record_keepers_change_them(sam, acting, make_case, caseworker):
    stranger = make_case(service_user="Bea Other").service_user
    with pytest.raises(NotFound):
        end_representative(sam, stranger.reference, acting.pk, TODAY, TODAY)
    with pytest.raises(Refused):
        correct_representative(caseworker, acting.service_user.reference, acting.pk, {"name": "X"}, TODAY)
    assert Representative.objects.get().name == "Rita Advocate"


def test_an_administrator_opens_every_case_record_and_sees_none_of_its_feedback(make_case, caseworker, django_user_model):
    admin = django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password")
    feedback = log_complaint(caseworker, make_case)

    assert case_record_for(admin, feedback.case.reference) == feedback.case
    assert list(record_cases(admin)) == [feedback.case]
    assert not visible_cases(admin).exists() and not visible_feedback(admin).exists()
    with pytest.raises(NotFound):
        case_record_for(make_person("otto2", Role.CASEWORKER), feedback.case.reference)
