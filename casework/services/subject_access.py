"""Subject access requests: log one with its due date (one calendar month, UK GDPR Article 12(3)),
held by an administrator on their work list; export what we hold about the person as a zip with an
index. Administrators only; each step is an audit event that does not name the person."""

from __future__ import annotations

import hashlib
from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from casework.models import ServiceUser, SubjectAccessRequest
from casework.read import subject_access
from casework.services.audit import record_event
from casework.services.errors import NotFound, Refused
from policy.decisions import Reason

NOT_THE_GUIDANCE = "-"
ONE_MONTH = relativedelta(months=1)


def may_handle(actor) -> bool:
    return bool(actor.is_authenticated and actor.is_active and actor.is_staff)


def due_date(received_on: date) -> date:
    return received_on + ONE_MONTH


def log_request(actor, reference: str, received_on: date | None, assigned_to_id: int | None, today: date) -> SubjectAccessRequest:
    """`reference`: the service user's reference (SU-...), found with the people search."""
    if not may_handle(actor):
        raise NotFound("Only an administrator handles subject access requests")
    problems = []
    reference = (reference or "").strip().upper()
    person = ServiceUser.objects.filter(reference=reference).first() if reference else None
    if not reference:
        problems.append(Reason(NOT_THE_GUIDANCE, "Enter the person's reference, like SU-000123", field="service_user"))
    elif person is None:
        problems.append(
            Reason(NOT_THE_GUIDANCE, f"There is no service user {reference}: find them in People", field="service_user")
        )
    if received_on is None:
        problems.append(Reason(NOT_THE_GUIDANCE, "Enter the date the request was received", field="received_on"))
    elif received_on > today:
        problems.append(Reason(NOT_THE_GUIDANCE, "The date received must be today or in the past", field="received_on"))
    handler = get_user_model().objects.filter(pk=assigned_to_id, is_staff=True, is_active=True).first()
    if handler is None:
        problems.append(Reason(NOT_THE_GUIDANCE, "Select the administrator who will answer it", field="assigned_to"))
    if problems:
        raise Refused(reasons=tuple(problems))
    assert received_on is not None and person is not None
    with transaction.atomic(durable=True):
        request = SubjectAccessRequest.objects.create(
            service_user=person, received_on=received_on, due_on=due_date(received_on), logged_by=actor, assigned_to=handler
        )
        record_event(
            actor,
            "log_subject_access_request",
            f"Subject access request {request.pk} logged, due {request.due_on:%d %B %Y}",
            after={"request": request.pk, "due_on": request.due_on.isoformat(), "assigned_to": handler.pk},
        )
    return request


def export(actor, request_id: int) -> tuple[SubjectAccessRequest, bytes]:
    """The zip for this request; recorded as answered, with the zip's hash."""
    if not may_handle(actor):
        raise NotFound("Only an administrator handles subject access requests")
    with transaction.atomic(durable=True):
        request = SubjectAccessRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None:
            raise NotFound(f"No subject access request {request_id}")
        content, index = subject_access.export_zip(request.service_user)
        request.exported_at = timezone.now()
        request.export_sha256 = hashlib.sha256(content).hexdigest()
        request.save(update_fields=["exported_at", "export_sha256"])
        record_event(
            actor,
            "export_subject_access",
            f"Subject access request {request.pk} exported: {len(index['files'])} files",
            after={"request": request.pk, "sha256": request.export_sha256, "counts": index["counts"]},
        )
    return request, content


def open_requests_for(user):
    return SubjectAccessRequest.objects.filter(assigned_to=user, exported_at__isnull=True)
