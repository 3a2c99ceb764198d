"""Cases: search those you can see, read one, list and log the feedback about it."""

# No `from __future__ import annotations`: ninja reads these views' annotations, some through a decorator.

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from api.auth import caller
from api.feedback import render_feedback
from api.idempotency import run_once
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    UNAUTHORISED,
    CaseOut,
    CaseSummary,
    FeedbackOut,
    FeedbackSummary,
    NewFeedbackIn,
    Reference,
    Text,
)
from casework.models import Case
from casework.people import name_of
from casework.read import access
from casework.read.presenters import case_dates, feedback_summary
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import FeedbackKind

router = Router(tags=["cases"])


class Pages(LimitOffsetPagination):
    """`limit` and `offset`, bounded: the databases refuse an offset beyond 64 bits with an error, not an empty page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000_000)


@router.get("/cases", response={200: list[CaseSummary], **UNAUTHORISED, **INVALID}, operation_id="list_cases")
@paginate(Pages, max_limit=100)
def list_cases(request, q: Text = ""):
    """The cases you can see, newest decision first. `q` searches the reference, service user and organisation."""
    cases = access.visible_cases(caller(request)).order_by("-decision_date", "reference")
    q = q.strip()
    if q:
        cases = cases.filter(Q(reference__icontains=q) | Q(service_user__name__icontains=q) | Q(organisation__name__icontains=q))
    return cases


@router.get("/cases/{reference}", response={200: CaseOut, **UNAUTHORISED, **NOT_FOUND}, operation_id="get_case")
def get_case(request, reference: Reference):
    """One case, its dates (the Judicial Review date, para 71; the grounds deadline if asked for now,
    para 32) and the feedback about it."""
    return render_case(access.case_for(caller(request), reference))


@router.get(
    "/cases/{reference}/feedback",
    response={200: list[FeedbackSummary], **UNAUTHORISED, **NOT_FOUND},
    operation_id="list_case_feedback",
)
def list_case_feedback(request, reference: Reference):
    """The feedback logged about a case, newest first."""
    case = access.case_for(caller(request), reference)
    return [feedback_summary(feedback) for feedback in case.feedback.select_related("case")]


@router.post(
    "/cases/{reference}/feedback",
    response={201: FeedbackOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="log_feedback",
)
def post_feedback(request, reference: Reference, payload: NewFeedbackIn, response: HttpResponse):
    """Log a complaint about our decision against the case (paras 1, 7, 20). It goes to the case owner.
    Send an `Idempotency-Key` so that a retry returns the first response instead of logging it twice."""
    user = caller(request)
    case = access.case_for(user, reference)
    new = NewFeedback(
        kind=FeedbackKind(payload.kind),
        received_date=payload.received_date,
        channel=payload.channel,
        summary=payload.summary,
        reasonable_adjustments=payload.reasonable_adjustments,
        jr_in_prospect=payload.jr_in_prospect,
    )

    def act(keep):
        within = (lambda feedback: keep(render_feedback(feedback), {})) if keep else None
        return render_feedback(log_feedback(user, case, new, timezone.localdate(), within=within))

    return Status(201, run_once(request, user, response, FeedbackOut, act, status=201))


def render_case(case: Case) -> dict:
    dates = case_dates(case, timezone.localdate())
    return {
        "reference": case.reference,
        "service_user": case.service_user.name,
        "service_user_reference": case.service_user.reference,
        "organisation": case.organisation.name,
        "team": case.team.name,
        "case_owner": name_of(case.case_owner),
        "manager": name_of(case.manager),
        "stage": case.stage,
        "risk": case.risk,
        "closure_reason": case.closure_reason or None,
        "decision_date": case.decision_date,
        "report_issue_date": case.report_issue_date,
        "review_count": case.review_count,
        "flags": {
            "supervised": case.supervised,
            "joint_with_lgsco": case.joint_with_lgsco,
            "mp_involved": case.mp_involved,
            "reviews_go_to_oat_first": case.service_user.reviews_go_to_oat_first,
            "behaviour_restriction": case.service_user.restricted_on(timezone.localdate()),
            "previous_review_upheld": case.previous_review_upheld,
        },
        "jr_date": dates.jr.jr_date,
        "grounds_due_by": dates.grounds_due_by,
        "feedback": [feedback_summary(feedback) for feedback in case.feedback.select_related("case")],
    }
