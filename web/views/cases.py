"""The case page, and logging a complaint about our decision on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from casework.read import after_review
from casework.read.access import case_for, reads_contents
from casework.read.judicial_review import review_requests
from casework.read.presenters import case_dates
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback, may_log_feedback
from casework.services.intake import log_feedback_fields
from casework.services.record_fields import case_fields_for
from policy.facts import FeedbackKind
from policy.workflows.registry import WORKFLOWS
from web.forms import field_rows, log_feedback_form_class
from web.views.common import not_found_is_404, summary_errors, today


@login_required
@not_found_is_404
def case_detail(request, reference):
    case = case_for(request.user, reference)
    dates = case_dates(case, today())
    return render(
        request,
        "web/case_detail.html",
        {
            "case": case,
            "feedback": case.feedback.all(),
            "events": case.events.select_related("feedback_case").order_by("-id")[:100] if reads_contents(request.user) else [],
            "contents": reads_contents(request.user),
            "grounds_due_by": dates.grounds_due_by,
            "restricted": case.service_user.restricted_on(today()),
            "can_correct": bool(case_fields_for(request.user)),
            "jr": dates.jr,
            "can_log": may_log_feedback(request.user),
            "workflows": WORKFLOWS.values(),
            "review_requests": review_requests(case, today()),
            "follow_ons": after_review.follow_ons_of(request.user, case),
            "reviews_followed": after_review.reviews_followed(request.user, case),
        },
    )


@login_required
@not_found_is_404
def log_feedback_page(request, reference, kind=FeedbackKind.DECISION_COMPLAINT):
    case = case_for(request.user, reference)
    if kind not in WORKFLOWS:
        raise Http404("No such kind of feedback")
    kind = FeedbackKind(kind)
    workflow = WORKFLOWS[kind]
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
            messages.success(request, f"{workflow.title} logged as {feedback.reference}")
            return redirect("feedback-detail", feedback.reference)
    names = [spec.name for spec in specs]
    return render(
        request,
        "web/log_feedback.html",
        {
            "case": case,
            "kind": kind,
            "title": workflow.log_label,
            "rows": field_rows(form, specs, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, names),
        },
        status=403 if not may_log_feedback(request.user) else (400 if request.method == "POST" else 200),
    )
