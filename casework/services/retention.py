"""Erasing personal data at the end of its retention period (`redress purge-expired`, daily).

A closed case whose feedback has all ended, with no activity for the period an administrator set
(RetentionPeriod), and no legal hold in place, keeps its reference, dates, states and flags; every
free-text field about it, its letters' words and addresses, its emails, notices and correspondence
received, its documents (the files too) and what its audit events say are erased. Once every case
of a person is erased, so is their service user record's personal data (name, contact details,
adjustments), that of those acting for them, and what their own audit chain says; a person with a
case still within its period, or on legal hold, keeps their record. A person with no case at all
is erased the same way once their own record has had no activity for the closed cases' period
(none recorded: kept, as its age is unknown). A hold on a person keeps them and all their cases.
API responses kept for a retry (casework/services/idempotency.py) that name an erased case, its
feedback or person go with it, and any kept for longer than the period. The audit chain still verifies:
events seal personal data as a salted commitment (casework/models/audit.py). Security events older
than their period are deleted. Each run is logged, and each erasure is an audit event naming only
the case or service user reference.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db import models, transaction
from django.db.models import Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from casework.models import Attachment, Case, Event, FeedbackCase, IdempotentRequest, Representative, SecurityEvent, ServiceUser
from casework.models.privacy import Erasure, LegalHold, RecordType, RetentionPeriod
from casework.services import uploads
from casework.services.audit import chains_about_person, erase_personal_data, record_event
from policy.workflows.registry import workflow_for

logger = logging.getLogger(__name__)

ERASED_NAME = "Erased"
# Short text that is not about anyone: references, codes, what was chosen from a list.
KEEP = {
    "reference",
    "new_reference",
    "organisation",
    "code",
    "key",
    "approver_role",
    "state",
    "chain",
    "content_type",
    "channel",
    "message_id",
}
NOT_PERSONAL_MODELS = {"Case", "Event", "Erasure", "LegalHold", "SubjectAccessRequest", "RetentionPeriod"}
# A person's record once erased: the reference, flags and dates stay; who they are and how to reach them go.
PERSON_ERASED = {
    "name": ERASED_NAME,
    "address_lines": "",
    "postcode": "",
    "email": "",
    "phone": "",
    "preferred_format": "",
    "reasonable_adjustments": "",
}
REPRESENTATIVE_ERASED = {
    "name": ERASED_NAME,
    "organisation": "",
    "consent_given_by": "",
    "address_lines": "",
    "postcode": "",
    "email": "",
    "phone": "",
}


@dataclass
class PurgeReport:
    erased: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    people_erased: list[str] = field(default_factory=list)
    people_held: list[str] = field(default_factory=list)
    kept_responses_deleted: int = 0
    security_events_deleted: int = 0


def purge_expired(today: date) -> PurgeReport:
    report = PurgeReport()
    period = _months(RecordType.CASE)
    if period is None:
        logger.warning("purge-expired: no retention period is set for closed cases; nothing about them is erased")
    else:
        for case in expired_cases(today, period):
            if _on_hold(case):
                report.held.append(case.reference)
                continue
            erase_case(case, period)
            report.erased.append(case.reference)
        for person in people_without_cases_expired(today, period):
            if _person_on_hold(person.pk):
                report.people_held.append(person.reference)
                continue
            erase_person_without_cases(person, period)
            report.people_erased.append(person.reference)
        report.kept_responses_deleted, _ = IdempotentRequest.objects.filter(created_at__lt=_cutoff(today, period)).delete()
    security_period = _months(RecordType.SECURITY_EVENT)
    if security_period is not None:
        cutoff = timezone.now() - relativedelta(months=security_period)
        report.security_events_deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    logger.info(
        "purge-expired: erased %d case(s) %s; %d on legal hold %s; erased %d person(s) with no case %s; "
        "%d on legal hold %s; %d old kept API response(s) and %d security event(s) deleted",
        len(report.erased),
        report.erased,
        len(report.held),
        report.held,
        len(report.people_erased),
        report.people_erased,
        len(report.people_held),
        report.people_held,
        report.kept_responses_deleted,
        report.security_events_deleted,
    )
    return report


def _cutoff(today: date, months: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - relativedelta(months=months), time.min))


def expired_cases(today: date, months: int) -> list[Case]:
    """Closed cases not yet erased, all of whose feedback has ended, untouched for `months`."""
    cutoff = _cutoff(today, months)
    candidates = (
        Case.objects.filter(closed=True, erasure__isnull=True)
        .annotate(last_event=Max("events__at"), last_update=Max("feedback__updated_at"))
        .filter(Q(last_event__lt=cutoff) | Q(last_event__isnull=True))
        .filter(Q(last_update__lt=cutoff) | Q(last_update__isnull=True))
    )
    return [case for case in candidates if all(_ended(feedback) for feedback in case.feedback.all())]


def _ended(feedback: FeedbackCase) -> bool:
    return workflow_for(feedback.kind).state(feedback.state).terminal


def people_without_cases_expired(today: date, months: int) -> list[ServiceUser]:
    """People with no case, not yet erased, whose record's last activity is older than `months`."""
    cutoff = _cutoff(today, months)
    caseless = ServiceUser.objects.filter(cases__isnull=True).exclude(**PERSON_ERASED)
    return [person for person in caseless if (last := _last_activity(person)) is not None and last < cutoff]


def _last_activity(person: ServiceUser) -> datetime | None:
    return Event.objects.filter(chain__in=chains_about_person(person.pk)).aggregate(last=Max("at"))["last"]


def _on_hold(case: Case) -> bool:
    return _person_on_hold(case.service_user_id) or LegalHold.objects.filter(case=case, lifted_at__isnull=True).exists()


def _person_on_hold(person_id: int) -> bool:
    return LegalHold.objects.filter(service_user_id=person_id, lifted_at__isnull=True).exists()


def _months(record_type: RecordType) -> int | None:
    return RetentionPeriod.objects.filter(record_type=record_type).values_list("months", flat=True).first()


def erase_case(case: Case, months: int) -> Erasure:
    """Erase the personal data about one case, and its person's once all their cases are erased, in
    one transaction; its documents' files go after it commits."""
    with transaction.atomic(durable=True):
        case = Case.objects.select_for_update().get(pk=case.pk)
        documents = list(Attachment.objects.filter(feedback_case__case=case).values_list("stored_name", flat=True))
        for queryset in _records_about(case):
            _blank_free_text(queryset)
        events = erase_personal_data(Event.objects.filter(case=case))
        _forget_kept_responses([case.reference, *case.feedback.values_list("reference", flat=True)])
        erasure = Erasure.objects.create(
            case=case, erased_at=timezone.now(), months=months, documents_removed=len(documents), events_erased=events
        )
        record_event(
            None,
            "erase_personal_data",
            f"Personal data about case {case.reference} erased after {months} months",
            after={"case": case.pk, "documents_removed": len(documents), "events_erased": events},
        )
        _erase_person_when_all_cases_are(case.service_user_id)
        transaction.on_commit(lambda: [uploads.remove(name) for name in documents])
    return erasure


def _erase_person_when_all_cases_are(person_id: int) -> None:
    """Erase the person's record when every case of theirs is erased; call inside the erasure's transaction."""
    person = ServiceUser.objects.select_for_update().get(pk=person_id)
    if Case.objects.filter(service_user=person, erasure__isnull=True).exists():
        return
    _erase_person(person, "every case of theirs was erased")


def erase_person_without_cases(person: ServiceUser, months: int) -> None:
    """Erase the record of a person with no case, in one transaction."""
    with transaction.atomic(durable=True):
        person = ServiceUser.objects.select_for_update().get(pk=person.pk)
        if Case.objects.filter(service_user=person).exists():  # a case was opened for them meanwhile
            return
        _erase_person(person, f"they have no case and their record had no activity for {months} months")


def _erase_person(person: ServiceUser, why: str) -> None:
    ServiceUser.objects.filter(pk=person.pk).update(**PERSON_ERASED)
    representatives = Representative.objects.filter(service_user=person).update(**REPRESENTATIVE_ERASED)
    events = erase_personal_data(Event.objects.filter(chain__in=chains_about_person(person.pk)))
    _forget_kept_responses([person.reference])
    record_event(
        None,
        "erase_service_user",
        f"Personal data about service user {person.reference} erased: {why}",
        service_user=person,
        after={"service_user": person.pk, "representatives": representatives, "events_erased": events},
    )


def _forget_kept_responses(references: list[str]) -> None:
    """Delete the API responses kept for a retry that name any of these references."""
    naming = Q()
    for reference in references:
        naming |= Q(text__contains=reference)
    IdempotentRequest.objects.annotate(text=Cast("response", TextField())).filter(naming).delete()


def _records_about(case: Case):
    """A queryset, per model of ours, of the rows about this case by any of their links to it
    (an email through its letter or its feedback; a document through its feedback)."""
    for model in apps.get_app_config("casework").get_models():
        if model.__name__ in NOT_PERSONAL_MODELS:
            continue
        paths = _paths_to_case(model)
        if paths:
            about = Q()
            for path in paths:
                about |= Q(**{path: case})
            yield model.objects.filter(about).distinct()


def _paths_to_case(model, depth: int = 0) -> list[str]:
    if model is Case:
        return [""]
    if depth > 2:
        return []
    paths = []
    for relation in model._meta.get_fields():
        if isinstance(relation, models.ForeignKey | models.OneToOneField) and relation.related_model is not None:
            if relation.related_model._meta.app_label != "casework" or relation.related_model in (model, ServiceUser):
                continue
            for deeper in _paths_to_case(relation.related_model, depth + 1):
                paths.append(relation.name + ("__" + deeper if deeper else ""))
    return paths


def _blank_free_text(queryset) -> None:
    model = queryset.model
    blanked = {
        field.name: ""
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField | models.CharField)
        and not field.choices
        and not field.unique
        and field.name not in KEEP
    }
    # Lists of addresses (an email's To and Cc) go too.
    blanked.update({field.name: [] for field in model._meta.concrete_fields if isinstance(field, models.JSONField)})
    if blanked:
        model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True))).update(**blanked)
