"""A feedback case: what you can do next, what is closed and why, and the form for each action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from casework.models.review import latest_risk_assessment
from casework.read import after_review
from casework.read.access import feedback_for, roles_on
from casework.read.facts import feedback_facts, findings_on_grounds
from casework.read.judicial_review import review_clock
from casework.services.attachments import may_attach
from casework.services.errors import NotFound, Refused
from casework.services.feedback import take_action
from casework.services.follow_up import follow_up_refusals
from policy import oat_advice, time_limits
from policy.workflows import evaluate, options
from policy.workflows.registry import workflow_for
from web.forms import CHANNEL_CHOICES, action_form_class, field_rows
from web.views.common import summary_errors, today


def _feedback_or_404(user, reference):
    try:
        return feedback_for(user, reference)
    except NotFound:
        raise Http404("No such feedback")


@login_required
def feedback_detail(request, reference):
    feedback = _feedback_or_404(request.user, reference)
    workflow = workflow_for(feedback.kind)
    facts = feedback_facts(feedback, request.user)
    choices = options(workflow, facts, roles_on(request.user, feedback))
    case = feedback.case
    return render(
        request,
        "web/feedback_detail.html",
        {
            "feedback": feedback,
            "case": case,
            "workflow": workflow,
            "state": workflow.state(feedback.state),
            "open_options": [option for option in choices if option.open],
            "closed_options": [option for option in choices if not option.open],
            "raised_late": time_limits.raised_late(case.decision_date, feedback.received_date),
            "grounds_late": time_limits.grounds_are_late(facts),
            "oat_triggers": oat_advice.oat_advice_triggers(facts.case, facts.challenge_answers or oat_advice.ChallengeAnswers()),
            "advice_reasons": oat_advice.reasons_to_ask_oat(facts),
            "advice_decision": dict(oat_advice.OAT_ADVICE_CHOICES).get(feedback.oat_advice_decision, ""),
            "referrals": feedback.referrals.select_related("oat_caseworker"),
            "risk_assessment": latest_risk_assessment(feedback),
            "ground_findings": findings_on_grounds(feedback),
            "amended_reports": feedback.amended_reports.all(),
            "high_risk": oat_advice.needs_oat_discussion_on_high_risk(facts.case),
            "jr": review_clock(feedback, today()),
            "tasks": feedback.tasks.select_related("assigned_to").order_by("status", "due_date"),
            "letters": feedback.letters.select_related("template"),
            "remedies": feedback.remedies.all(),
            "learning_points": feedback.learning_points.select_related("charter_commitment"),
            "events": feedback.events.order_by("-id"),
            "attachments": feedback.attachments.select_related("uploaded_by"),
            "may_attach": may_attach(request.user, feedback),
            "new_investigation": after_review.new_investigation(feedback),
            "quash_proposal": after_review.quash_proposal(feedback),
            "approvals": after_review.approvals_on(feedback),
            "follow_ons": after_review.arranged_on(request.user, feedback),
            "follow_ups": _follow_ups(feedback),
            "may_log_follow_up": not follow_up_refusals(request.user, feedback),
        },
    )


def _follow_ups(feedback):
    contacts = list(feedback.follow_ups.select_related("logged_by"))
    for contact in contacts:
        contact.channel_label = dict(CHANNEL_CHOICES).get(contact.channel, contact.channel)
    return contacts


@login_required
def feedback_action(request, reference, name):
    feedback = _feedback_or_404(request.user, reference)
    workflow = workflow_for(feedback.kind)
    if not workflow.has_action(name):
        raise Http404("No such action")
    action = workflow.action(name)
    decision = evaluate(workflow, action, feedback_facts(feedback, request.user), roles_on(request.user, feedback))
    form = action_form_class(action)(request.POST if request.method == "POST" else None)
    refused = None
    if request.method == "POST" and decision.allowed and form.is_valid():
        try:
            take_action(request.user, feedback.reference, action.name, form.cleaned_data, today())
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"{action.label}: done")
            return redirect("feedback-detail", feedback.reference)
    names = [spec.name for spec in action.fields]
    closed_now = Refused(decision) if not decision.allowed else None
    return render(
        request,
        "web/feedback_action.html",
        {
            "feedback": feedback,
            "case": feedback.case,
            "action": action,
            "closed": closed_now,
            "rows": field_rows(form, action.fields, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, names) if request.method == "POST" else [],
        },
        status=400 if request.method == "POST" and (refused or form.errors) else (403 if closed_now else 200),
    )
