"""Retention: a closed case's personal data is erased after the period an administrator set, unless
a legal hold is in place, and the person's own record once every case of theirs is, or once it is
that old if they have no case; API responses kept for a retry go with what they name; nothing
personal is left in the database or the uploads, and the audit chain still verifies."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from casework.models import (
    Case,
    Erasure,
    Event,
    IdempotentRequest,
    LegalHold,
    Letter,
    Notification,
    OutgoingEmail,
    RecordType,
    RetentionPeriod,
    SecurityEvent,
    ServiceUser,
)
from casework.services.assignment import add_file_note
from casework.services.attachments import attach_document
from casework.services.audit import verify_chain
from casework.services.correspondence import Received, log_correspondence
from casework.services.feedback import NewFeedback, log_feedback, take_action
from casework.services.letters import send_letter
from casework.services.records import write_letter
from casework.services.retention import purge_expired
from casework.services.service_users import add_representative, correct_service_user, register_service_user
from policy.facts import Channel, FeedbackKind
from tests.audit_tampering import tampering
from tests.conftest import make_person
from tests.documents import upload

NAME = "Zebedee Quill-Harrow"
HEALTH = "my asthma got worse on ward nine"
NOTE = "Spoke to Zebedee about the inhaler"
DOCUMENT = f"Grounds from {NAME}: {HEALTH}\n".encode()
RECEIVED = date(2026, 11, 20)
SEVEN_YEARS_ON = date(2034, 1, 1)
# How to reach them and those acting for them, on their record.
ADDRESS, POSTCODE, EMAIL, PHONE = "17 Larkspur Mews\nOldtown", "SW1A 2AA", "zebedee.qh@example.org", "07700 900461"
ADJUSTMENT = "Calls only after 2pm because of dialysis"
REPRESENTATIVE, REPRESENTATIVE_EMAIL = "Ottoline Brackenbury", "ottoline@advocacy.example.org"
LETTER_FROM_THEM = "Further to my call, the ward sister was rude"
PERSONAL = (NAME, "Zebedee", HEALTH, NOTE, "Large print", "Larkspur", EMAIL, PHONE, "dialysis", REPRESENTATIVE, "ottoline")
PERSONAL += ("Brackenbury", LETTER_FROM_THEM)


@pytest.fixture
def closed_case(make_case, caseworker, manager):
    """A closed case about a named person with their contact details and a representative: their
    complaint, correspondence from them, a letter emailed to them, a notice naming them, a document
    and a note, ended."""
    case = make_case(service_user=NAME)
    shared = make_person("sam", "shared_services")
    reference = case.service_user.reference
    details = {"address_lines": ADDRESS, "postcode": POSTCODE, "email": EMAIL, "phone": PHONE}
    correct_service_user(shared, reference, {**details, "reasonable_adjustments": ADJUSTMENT}, RECEIVED)
    acting = {"acting_as": "representative", "name": REPRESENTATIVE, "email": REPRESENTATIVE_EMAIL}
    consent = {"consent_given_by": NAME, "consent_given_on": RECEIVED, "consent_form": "written"}
    add_representative(shared, reference, {**acting, **consent}, RECEIVED)
    new = NewFeedback(FeedbackKind.POSITIVE, RECEIVED, Channel.EMAIL, f"{NAME} says {HEALTH}", "Large print")
    feedback = log_feedback(caseworker, case, new, RECEIVED)
    attach_document(caseworker, feedback.reference, upload("grounds.txt", DOCUMENT), "evidence", f"From {NAME}")
    add_file_note(caseworker, feedback.reference, NOTE)
    log_correspondence(caseworker, feedback.reference, Received(RECEIVED, NAME, Channel.EMAIL, LETTER_FROM_THEM), RECEIVED)
    take_action(manager, feedback.reference, "close_with_comment", {"comment": f"Thanks; {HEALTH}"}, RECEIVED)
    with transaction.atomic():
        letter = write_letter(feedback, "no_further_action", addressee=case.service_user, by=manager, extra={"reasons": HEALTH})
    send_letter(manager, feedback.reference, letter.pk, Letter.Channel.EMAIL, email=EMAIL)
    Notification.objects.create(
        recipient=manager,
        kind="notice",
        key="about-zq",
        subject=f"{NAME} wrote",
        body=HEALTH,
        feedback_case=feedback,
        created_at=timezone.now(),
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def seven_years(db):
    return RetentionPeriod.objects.create(record_type=RecordType.CASE, months=72, note="Six years after closure")


def everything_stored() -> str:
    out = StringIO()
    call_command("dumpdata", "casework", "auth", stdout=out)
    return out.getvalue()


def test_erasing_a_closed_case_after_its_period_leaves_no_personal_data_and_the_audit_verifies(
    closed_case, seven_years, data_dir, django_capture_on_commit_callbacks
):
    before = everything_stored()
    assert all(personal in before for personal in PERSONAL), [personal for personal in PERSONAL if personal not in before]
    assert OutgoingEmail.objects.filter(to=[EMAIL]).exists()
    assert any((data_dir / "uploads").iterdir())

    with django_capture_on_commit_callbacks(execute=True):  # the files go once the erasure has committed
        report = purge_expired(SEVEN_YEARS_ON)

    assert report.erased == [closed_case.reference]
    stored = everything_stored()
    for personal in PERSONAL:
        assert personal not in stored, personal
    assert not any((data_dir / "uploads").iterdir())
    assert verify_chain().intact, verify_chain().problem
    case = Case.objects.get(pk=closed_case.pk)
    assert case.reference == closed_case.reference and case.feedback.get().state  # the facts stay
    assert Event.objects.filter(action="erase_personal_data").count() == 1
    person = ServiceUser.objects.get(pk=closed_case.service_user_id)
    assert person.reference == closed_case.service_user.reference and person.name == "Erased"
    assert Event.objects.filter(action="erase_service_user").count() == 1


def test_a_person_with_a_case_still_within_its_period_keeps_their_record(closed_case, make_case, caseworker, seven_years):
    newer = make_case(service_user=closed_case.service_user)
    log_feedback(caseworker, newer, NewFeedback(FeedbackKind.SERVICE_COMPLAINT, RECEIVED, Channel.EMAIL, "Slow"), RECEIVED)

    assert purge_expired(SEVEN_YEARS_ON).erased == [closed_case.reference]

    stored = everything_stored()
    for personal in (HEALTH, NOTE, LETTER_FROM_THEM):  # the erased case's own words go
        assert personal not in stored, personal
    for personal in (NAME, EMAIL, REPRESENTATIVE, "Slow"):  # the person, and their other case, stay
        assert personal in stored, personal
    assert not Event.objects.filter(action="erase_service_user").exists()
    assert verify_chain().intact, verify_chain().problem


def test_a_legal_hold_on_one_case_keeps_the_person(closed_case, make_case, caseworker, manager, seven_years):
    held = make_case(service_user=closed_case.service_user)
    LegalHold.objects.create(case=held, reason="Judicial Review", placed_by=manager, placed_at=timezone.now())
    report = purge_expired(SEVEN_YEARS_ON)
    assert report.erased == [closed_case.reference] and report.held == [held.reference]
    assert ServiceUser.objects.get(pk=closed_case.service_user_id).name == NAME


def test_nothing_is_erased_before_the_period_ends(closed_case, seven_years):
    assert purge_expired(date(2030, 1, 1)).erased == []
    assert NAME in everything_stored()


def test_a_legal_hold_keeps_the_case_until_it_is_lifted(closed_case, seven_years, manager):
    hold = LegalHold.objects.create(case=closed_case, reason="Judicial Review", placed_by=manager, placed_at=timezone.now())
    report = purge_expired(SEVEN_YEARS_ON)
    assert report.held == [closed_case.reference] and report.erased == []
    assert NAME in everything_stored()
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=timezone.now())
    assert purge_expired(SEVEN_YEARS_ON).erased == [closed_case.reference]


def test_open_feedback_keeps_a_case_however_old(make_case, caseworker, seven_years):
    case = make_case(service_user=NAME)
    log_feedback(caseworker, case, NewFeedback(FeedbackKind.SERVICE_COMPLAINT, RECEIVED, Channel.EMAIL, "Slow"), RECEIVED)
    assert purge_expired(SEVEN_YEARS_ON).erased == []


def test_the_command_logs_what_it_did_and_is_safe_to_run_again(closed_case, seven_years, caplog):
    out = StringIO()
    call_command("purge_expired", "--date", "2034-01-01", stdout=out)
    assert "erased from 1 case" in out.getvalue()
    assert any("purge-expired" in record.getMessage() for record in caplog.records)
    call_command("purge_expired", "--date", "2034-01-01", stdout=out)
    assert Erasure.objects.count() == 1


def test_security_events_older_than_their_period_are_deleted(db):
    RetentionPeriod.objects.create(record_type=RecordType.SECURITY_EVENT, months=24)
    old = SecurityEvent.objects.create(at=timezone.now() - timedelta(days=800), event="viewed", username="cara")
    new = SecurityEvent.objects.create(at=timezone.now(), event="viewed", username="cara")
    assert purge_expired(timezone.localdate()).security_events_deleted == 1
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [new.pk] and old.pk != new.pk


def test_an_erased_event_changed_afterwards_is_found(closed_case, seven_years):
    purge_expired(SEVEN_YEARS_ON)
    erased = Event.objects.filter(case=closed_case).first()
    with tampering():
        Event.objects.filter(pk=erased.pk).update(summary="Something else")
    check = verify_chain()
    assert not check.intact and check.broken_event.pk == erased.pk


@pytest.fixture
def person_without_a_case(db):
    """Registered by shared services with how to reach them and who acts for them, and no case."""
    shared = make_person("shaun", "shared_services")
    details = {"address_lines": ADDRESS, "postcode": POSTCODE, "email": EMAIL, "phone": PHONE}
    person = register_service_user(shared, {"name": NAME, **details, "reasonable_adjustments": ADJUSTMENT}, RECEIVED)
    acting = {"acting_as": "representative", "name": REPRESENTATIVE, "email": REPRESENTATIVE_EMAIL}
    consent = {"consent_given_by": NAME, "consent_given_on": RECEIVED, "consent_form": "written"}
    add_representative(shared, person.reference, {**acting, **consent}, RECEIVED)
    return person


def test_a_person_with_no_case_is_erased_once_their_record_is_older_than_the_closed_cases_period(
    person_without_a_case, seven_years
):
    assert purge_expired(date(2030, 1, 1)).people_erased == []  # within the period
    assert NAME in everything_stored()

    report = purge_expired(SEVEN_YEARS_ON)

    assert report.people_erased == [person_without_a_case.reference]
    stored = everything_stored()
    for personal in (NAME, EMAIL, PHONE, "Larkspur", "dialysis", REPRESENTATIVE, "ottoline"):
        assert personal not in stored, personal
    assert ServiceUser.objects.get(pk=person_without_a_case.pk).reference == person_without_a_case.reference
    assert verify_chain().intact, verify_chain().problem
    assert purge_expired(SEVEN_YEARS_ON).people_erased == []  # not erased twice
    assert Event.objects.filter(action="erase_service_user").count() == 1


def test_a_person_with_no_case_is_kept_without_a_retention_period_for_closed_cases(person_without_a_case):
    assert purge_expired(SEVEN_YEARS_ON).people_erased == []
    assert NAME in everything_stored()


def test_a_legal_hold_on_a_person_keeps_them_until_it_is_lifted(person_without_a_case, seven_years, manager):
    hold = LegalHold.objects.create(
        service_user=person_without_a_case, reason="Litigation", placed_by=manager, placed_at=timezone.now()
    )
    report = purge_expired(SEVEN_YEARS_ON)
    assert report.people_held == [person_without_a_case.reference] and report.people_erased == []
    assert NAME in everything_stored()
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=timezone.now())
    assert purge_expired(SEVEN_YEARS_ON).people_erased == [person_without_a_case.reference]


def test_a_legal_hold_on_a_person_keeps_their_cases(closed_case, seven_years, manager):
    LegalHold.objects.create(
        service_user=closed_case.service_user, reason="Litigation", placed_by=manager, placed_at=timezone.now()
    )
    report = purge_expired(SEVEN_YEARS_ON)
    assert report.held == [closed_case.reference] and report.erased == []
    assert HEALTH in everything_stored()


def kept_response(user, key: str, body: dict, created: datetime) -> IdempotentRequest:
    return IdempotentRequest.objects.create(
        user=user, key=key, fingerprint="0" * 64, status=200, response={"body": body, "headers": {}}, created_at=created
    )


def test_api_responses_kept_for_a_retry_go_with_the_records_they_name_and_once_older_than_the_period(
    closed_case, person_without_a_case, seven_years, caseworker
):
    feedback = closed_case.feedback.get()
    recent = timezone.make_aware(datetime(2033, 12, 31, 12))  # within the period on the day of the purge
    about_feedback = kept_response(caseworker, "a", {"reference": feedback.reference, "summary": HEALTH}, recent)
    about_person = kept_response(caseworker, "b", {"reference": person_without_a_case.reference, "name": NAME}, recent)
    about_nothing_erased = kept_response(caseworker, "c", {"reference": "FB-999999"}, recent)
    old = kept_response(caseworker, "d", {"reference": "FB-999998"}, timezone.make_aware(datetime(2027, 1, 1)))

    report = purge_expired(SEVEN_YEARS_ON)

    assert report.erased == [closed_case.reference] and report.people_erased == [person_without_a_case.reference]
    assert report.kept_responses_deleted == 1
    kept = set(IdempotentRequest.objects.values_list("pk", flat=True))
    assert kept == {about_nothing_erased.pk}, (about_feedback.pk, about_person.pk, old.pk)
