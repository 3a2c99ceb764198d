"""Cases: search those you can see, read one, list and log the feedback about it."""

# No `from __future__ import annotations`: ninja reads these views' annotations, some through a decorator.

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.feedback import render_feedback
from api.idempotency import run_once
from api.paging import MAX_LIMIT, Pages
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    UNAUTHORISED,
    CaseFieldsIn,
    CaseOut,
    CaseSummary,
    DecisionIn,
    FeedbackOut,
    FeedbackSummary,
    NewCaseIn,
    NewFeedbackIn,
    Reference,
    Text,
)
from api.versions import etag, if_match, tag
from casework.models import Case
from casework.people import name_of
from casework.read import access
from casework.read.presenters import case_dates, feedback_summary
from casework.read.rows import Matches
from casework.read.search import case_matching, search
from casework.services.case_records import correct_case, create_case, record_decision
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import FeedbackKind

router = Router(tags=["cases"])


@router.get("/cases", response={200: list[CaseSummary], **UNAUTHORISED, **INVALID}, operation_id="list_cases")
@paginate(Pages, max_limit=MAX_LIMIT)
def list_cases(request, q: Text = ""):
    """The cases you can see, newest decision first. `q` searches the reference, service user and organisation."""
    cases, q, order = access.visible_cases(caller(request)), q.strip(), ("-decision_date", "reference")
    return search(cases, case_matching(q, by_feedback=False), order) if q else Matches(cases.order_by(*order))


@router.get("/cases/{reference}", response={200: CaseOut, **UNAUTHORISED, **NOT_FOUND}, operation_id="get_case")
def get_case(request, reference: Reference, response: HttpResponse):
    """One case, the dates of its latest decision (the Judicial Review date, para 71; the grounds
    deadline if asked for now, para 32) and the feedback about it. The `ETag` is its version, for `If-Match` on a correction."""
    user = caller(request)
    case = access.case_for(user, reference)
    tag(response, case)
    return render_case(case, user)


@router.post(
    "/cases",
    response={201: CaseOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="create_case",
)
def post_case(request, payload: NewCaseIn, response: HttpResponse):
    """A new case record, as the case management system has it (shared services or an administrator).
    Refused with 422, naming the field, for a reference already used, an unknown team, owner or service
    user, a decision date still to come, or a malformed email or postcode; nothing is written.
    Send an `Idempotency-Key` so that a retry returns the first response instead of failing on the reference."""
    user = caller(request)
    values = payload.model_dump(exclude={"new_service_user"})
    person = payload.new_service_user.model_dump(exclude_unset=True) if payload.new_service_user else None

    def act(keep):
        def kept(case):
            keep(render_case(case, user), {"ETag": etag(case.version)})

        case = create_case(user, values, timezone.localdate(), service_user=person, within=kept if keep else None)
        tag(response, case)
        return render_case(case, user)

    return Status(201, run_once(request, user, response, CaseOut, act, status=201))


@router.patch(
    "/cases/{reference}",
    response={200: CaseOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **PRECONDITION_FAILED, **INVALID},
    operation_id="correct_case",
)
def patch_case(request, reference: Reference, payload: CaseFieldsIn, response: HttpResponse):
    """Correct the fields sent, and only those (shared services or an administrator); each correction
    is audited with the values before and after. Risk, stage, MP involvement and joint working with
    the LGSCO may change during a case: the rules read the value as it is now. Send the case's `ETag`
    as `If-Match` to have it refused with 412 if anyone has changed the case since."""
    user = caller(request)
    case = correct_case(user, reference, payload.model_dump(exclude_unset=True), timezone.localdate(), version=if_match(request))
    tag(response, case)
    return render_case(case, user)


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
        decision=payload.decision,
    )

    def act(keep):
        within = (lambda feedback: keep(render_feedback(feedback), {})) if keep else None
        return render_feedback(log_feedback(user, case, new, timezone.localdate(), within=within))

    return Status(201, run_once(request, user, response, FeedbackOut, act, status=201))


@router.post(
    "/cases/{reference}/decisions",
    response={201: CaseOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="record_decision",
)
def post_decision(request, reference: Reference, payload: DecisionIn):
    """Record a further decision on the case, such as a partial decision on a case still open (para 20).
    A complaint about it names it (`decision` when logging feedback), and its deadlines run from it."""
    user = caller(request)
    decision = record_decision(user, reference, payload.model_dump(), timezone.localdate())
    return Status(201, render_case(decision.case, user))


def render_case(case: Case, user) -> dict:
    """The case as `user` may read it: keeping a case's record (an administrator) shows none of its feedback."""
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
        "received_on": case.received_on,
        "decision_date": case.decision_date,
        "report_issue_date": case.report_issue_date,
        "review_count": case.review_count,
        "version": case.version,
        "decisions": [
            {
                "id": d.pk,
                "decided_on": d.decided_on,
                "what_was_decided": d.what_was_decided,
                "report_issue_date": d.report_issue_date,
            }
            for d in case.decisions.all()
        ],
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
        "feedback": [feedback_summary(feedback) for feedback in access.visible_feedback(user, case.feedback.all())],
    }
