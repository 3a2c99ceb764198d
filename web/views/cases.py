"""Finding a case, the case page, and logging a complaint about our decision on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from casework.models.staff import roles_of
from casework.read import after_review
from casework.read.access import case_for, visible_cases
from casework.read.facts import deadline_rolls_to_working_day, working_calendar
from casework.read.judicial_review import review_requests
from casework.services.errors import NotFound, Refused
from casework.services.feedback import NewFeedback, log_feedback
from policy import time_limits
from policy.facts import FeedbackKind, Role
from web.forms import field_rows, log_feedback_fields, log_feedback_form_class
from web.views.common import summary_errors, today


def _case_or_404(user, reference):
    try:
        return case_for(user, reference)
    except NotFound:
        raise Http404("No such case")


@login_required
def case_search(request):
    # The form posts, so that a service user's name stays out of the address, the browser's history
    # and the access logs.
    query = (request.POST if request.method == "POST" else request.GET).get("q", "").strip()
    cases = visible_cases(request.user)
    if query:
        cases = cases.filter(Q(reference__icontains=query) | Q(service_user__icontains=query) | Q(organisation__icontains=query))
    return render(request, "web/case_search.html", {"cases": cases[:50], "query": query, "total": cases.count()})


@login_required
def case_detail(request, reference):
    case = _case_or_404(request.user, reference)
    return render(
        request,
        "web/case_detail.html",
        {
            "case": case,
            "feedback": case.feedback.all(),
            "events": case.events.select_related("feedback_case").order_by("-id")[:100],
            "grounds_due_by": time_limits.grounds_deadline(
                case.decision_date, working_calendar(), deadline_rolls_to_working_day()
            ),
            "jr": time_limits.judicial_review_clock(case.decision_date, None, None, today()),
            "can_log": bool(roles_of(request.user) & {Role.CASEWORKER, Role.MANAGER}),
            "review_requests": review_requests(case, today()),
            "follow_ons": after_review.follow_ons_of(request.user, case),
            "reviews_followed": after_review.reviews_followed(request.user, case),
        },
    )


LOG_TITLES = {
    FeedbackKind.DECISION_COMPLAINT: ("Log a complaint about our decision", "Complaint about our decision"),
    FeedbackKind.SERVICE_COMPLAINT: ("Log a complaint about our service", "Complaint about our service"),
    FeedbackKind.POSITIVE: ("Log positive feedback", "Positive feedback"),
}


@login_required
def log_feedback_page(request, reference, kind=FeedbackKind.DECISION_COMPLAINT):
    case = _case_or_404(request.user, reference)
    if kind not in LOG_TITLES:
        raise Http404("No such kind of feedback")
    kind = FeedbackKind(kind)
    specs = log_feedback_fields(kind)
    form_class = log_feedback_form_class(specs)
    form = form_class(request.POST if request.method == "POST" else None)
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = log_feedback(
                request.user,
                case,
                NewFeedback(
                    kind,
                    data["received_date"],
                    data["channel"],
                    data["summary"],
                    data["reasonable_adjustments"],
                    bool(data.get("jr_in_prospect")),
                ),
                today(),
            )
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"{LOG_TITLES[kind][1]} logged as {feedback.reference}")
            return redirect("feedback-detail", feedback.reference)
    names = [spec.name for spec in specs]
    return render(
        request,
        "web/log_feedback.html",
        {
            "case": case,
            "kind": kind,
            "title": LOG_TITLES[kind][0],
            "rows": field_rows(form, specs, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, names),
        },
        status=400 if request.method == "POST" else 200,
    )
