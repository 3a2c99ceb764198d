"""Erasing personal data at the end of its retention period (`redress purge-expired`, daily).

A closed case whose feedback has all ended, with no activity for the period an administrator set
(RetentionPeriod), and no legal hold in place, keeps its reference, dates, states and flags; the
service user's name, every free-text field about it, its letters' words, its documents (the files
too) and what its audit events say are erased. The audit chain still verifies: events seal personal
data as a salted commitment (casework/models/audit.py). Security events older than their period are
deleted. Each run is logged, and each erasure is an audit event naming only the case reference.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from casework.models import Attachment, Case, Event, FeedbackCase, SecurityEvent
from casework.models.privacy import Erasure, LegalHold, RecordType, RetentionPeriod
from casework.services import uploads
from casework.services.audit import erase_personal_data, record_event
from policy.workflows.registry import workflow_for

logger = logging.getLogger(__name__)

ERASED_NAME = "Erased"
# Short text that is not about anyone: references, codes, what was chosen from a list.
KEEP = {"reference", "new_reference", "organisation", "code", "key", "approver_role", "state", "chain", "content_type"}
NOT_PERSONAL_MODELS = {"Case", "Event", "Erasure", "LegalHold", "SubjectAccessRequest", "RetentionPeriod"}


@dataclass
class PurgeReport:
    erased: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
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
    security_period = _months(RecordType.SECURITY_EVENT)
    if security_period is not None:
        cutoff = timezone.now() - relativedelta(months=security_period)
        report.security_events_deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    logger.info(
        "purge-expired: erased %d case(s) %s; %d on legal hold %s; %d security event(s) deleted",
        len(report.erased),
        report.erased,
        len(report.held),
        report.held,
        report.security_events_deleted,
    )
    return report


def expired_cases(today: date, months: int) -> list[Case]:
    """Closed cases not yet erased, all of whose feedback has ended, untouched for `months`."""
    cutoff = timezone.make_aware(datetime.combine(today - relativedelta(months=months), time.min))
    candidates = (
        Case.objects.filter(closed=True, erasure__isnull=True)
        .annotate(last_event=Max("events__at"), last_update=Max("feedback__updated_at"))
        .filter(Q(last_event__lt=cutoff) | Q(last_event__isnull=True))
        .filter(Q(last_update__lt=cutoff) | Q(last_update__isnull=True))
    )
    return [case for case in candidates if all(_ended(feedback) for feedback in case.feedback.all())]


def _ended(feedback: FeedbackCase) -> bool:
    return workflow_for(feedback.kind).state(feedback.state).terminal


def _on_hold(case: Case) -> bool:
    return LegalHold.objects.filter(case=case, lifted_at__isnull=True).exists()


def _months(record_type: RecordType) -> int | None:
    return RetentionPeriod.objects.filter(record_type=record_type).values_list("months", flat=True).first()


def erase_case(case: Case, months: int) -> Erasure:
    """Erase the personal data about one case, in one transaction; its documents' files go after it commits."""
    with transaction.atomic(durable=True):
        case = Case.objects.select_for_update().get(pk=case.pk)
        documents = list(Attachment.objects.filter(feedback_case__case=case).values_list("stored_name", flat=True))
        for queryset in _records_about(case):
            _blank_free_text(queryset)
        Case.objects.filter(pk=case.pk).update(service_user=ERASED_NAME)
        events = erase_personal_data(Event.objects.filter(case=case))
        erasure = Erasure.objects.create(
            case=case, erased_at=timezone.now(), months=months, documents_removed=len(documents), events_erased=events
        )
        record_event(
            None,
            "erase_personal_data",
            f"Personal data about case {case.reference} erased after {months} months",
            after={"case": case.pk, "documents_removed": len(documents), "events_erased": events},
        )
        transaction.on_commit(lambda: [uploads.remove(name) for name in documents])
    return erasure


def _records_about(case: Case):
    """A queryset, per model of ours, of the rows about this case (through its feedback, or deeper)."""
    for model in apps.get_app_config("casework").get_models():
        if model.__name__ in NOT_PERSONAL_MODELS:
            continue
        path = _path_to_case(model)
        if path is not None:
            yield model.objects.filter(**{path: case})


def _path_to_case(model, depth: int = 0) -> str | None:
    if model is Case:
        return ""
    if depth > 2:
        return None
    for relation in model._meta.get_fields():
        if isinstance(relation, models.ForeignKey | models.OneToOneField) and relation.related_model is not None:
            if relation.related_model._meta.app_label != "casework" or relation.related_model is model:
                continue
            deeper = _path_to_case(relation.related_model, depth + 1)
            if deeper is not None:
                return relation.name + ("__" + deeper if deeper else "")
    return None


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
    if blanked:
        queryset.update(**blanked)
