"""The case page, and logging a complaint about our decision on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from casework.read import after_review
from casework.read.access import case_for, case_record_for, reads_contents, visible_cases, visible_feedback
from casework.read.judicial_review import review_requests
from casework.read.presenters import case_dates, decisions_of
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback, may_log_feedback
from casework.services.intake import log_feedback_fields
from casework.services.record_fields import case_fields_for, keeps_person_records, may_record_decisions
from policy.decisions import Reason
from policy.facts import FeedbackKind
from policy.workflows.registry import WORKFLOWS
from web.forms import field_rows, log_feedback_form_class
from web.views.common import not_found_is_404, summary_errors, today


@login_required
@not_found_is_404
def case_detail(request, reference):
    user = request.user
    case = case_record_for(user, reference)
    # Keeping the record (an administrator) is no role in the case's feedback: that stays with those who see the case.
    reads_case = visible_cases(user).filter(pk=case.pk).exists()
    contents = reads_case and reads_contents(user)
    dates = case_dates(case, today())
    return render(
        request,
        "web/case_detail.html",
        {
            "case": case,
            "reads_case": reads_case,
            "feedback": visible_feedback(user, case.feedback.all()),
            "events": case.events.select_related("feedback_case").order_by("-id")[:100] if contents else [],
            "contents": contents,
            "dates": dates,
            "restricted": case.service_user.restricted_on(today()),
            "can_correct": bool(case_fields_for(user)),
            "decisions": decisions_of(case, today()),
            "can_record_decision": may_record_decisions(user),
            "representatives": [acting for acting in case.service_user.representatives.all() if acting.acting_on(today())],
            "keeps_record": keeps_person_records(user),
            "can_log": reads_case and may_log_feedback(user),
            "workflows": WORKFLOWS.values(),
            "review_requests": review_requests(case, today()) if reads_case else [],
            "follow_ons": after_review.follow_ons_of(user, case) if reads_case else [],
            "reviews_followed": after_review.reviews_followed(user, case) if reads_case else [],
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
    # A complaint about our decision names the decision it is about when the case holds more than one (para 20).
    decisions = decisions_of(case, today()) if kind == FeedbackKind.DECISION_COMPLAINT else []
    decisions = decisions if len(decisions) > 1 else []
    chosen = request.POST.get("decision", "") if request.method == "POST" else str(decisions[0].decision.pk) if decisions else ""
    unchosen = bool(decisions) and chosen not in {str(row.decision.pk) for row in decisions}
    refused = (
        Refused(reasons=(Reason("20", DECISION_UNCHOSEN, field="decision"),)) if request.method == "POST" and unchosen else None
    )
    if request.method == "POST" and form.is_valid() and refused is None:
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
                    decision=int(chosen) if decisions else None,
                ),
                today(),
            )
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"{workflow.title} logged as {feedback.reference}")
            return redirect("feedback-detail", feedback.reference)
    names = ["decision", *(spec.name for spec in specs)]
    field_errors = refused.field_errors() if refused else {}
    return render(
        request,
        "web/log_feedback.html",
        {
            "case": case,
            "kind": kind,
            "title": workflow.log_label,
            "decisions": decisions,
            "chosen": chosen,
            "decision_error": (field_errors.get("decision") or [""])[0],
            "rows": field_rows(form, specs, field_errors),
            "errors": summary_errors(form, refused, names),
        },
        status=403 if not may_log_feedback(request.user) else (400 if request.method == "POST" else 200),
    )


DECISION_UNCHOSEN = "Select which decision the complaint is about"
