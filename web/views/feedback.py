"""A feedback case: what you can do next, what is closed and why, and the form for each action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from casework.models import FeedbackCase
from casework.models.review import latest_risk_assessment
from casework.read import after_review
from casework.read.access import feedback_for, reads_contents, roles_on
from casework.read.correspondence import correspondence_history
from casework.read.facts import feedback_facts, findings_on_grounds
from casework.read.next_step import after_action
from casework.read.presenters import FeedbackPresenter
from casework.services.attachments import may_attach
from casework.services.correspondence import correspondence_refusals
from casework.services.errors import Conflict, Refused
from casework.services.feedback import take_action
from casework.services.follow_up import follow_up_refusals
from policy import oat_advice, time_limits
from policy.workflows import evaluate, options, suggested
from policy.workflows.registry import workflow_for
from web.forms import action_form_class, field_rows
from web.views.common import not_found_is_404, summary_errors, today


@login_required
@not_found_is_404
def feedback_detail(request, reference):
    feedback = feedback_for(request.user, reference)
    shown = FeedbackPresenter(feedback, today())
    facts = feedback_facts(feedback, request.user)
    choices = options(shown.workflow, facts, roles_on(request.user, feedback))
    primary = suggested(shown.workflow, facts, choices)
    held, listed = shown.held, shown.listed  # which lists hold anything, asked at once: an empty one is not read
    return render(
        request,
        "web/feedback_detail.html",
        {
            "feedback": feedback,
            "case": shown.case,
            "workflow": shown.workflow,
            "state": shown.state,
            "primary": primary and {"option": primary, "label": primary.label(facts)},
            "secondary": [
                {"option": option, "label": option.label(facts), "again": option.done(facts)}
                for option in choices
                if option.open and option is not primary
            ],
            "closed_options": [option for option in choices if not option.open],
            "raised_late": shown.raised_late,
            "grounds_late": time_limits.grounds_are_late(facts),
            "oat_triggers": oat_advice.oat_advice_triggers(facts.case, facts.challenge_answers or oat_advice.ChallengeAnswers()),
            "advice_reasons": oat_advice.reasons_to_ask_oat(facts),
            "advice_decision": dict(oat_advice.OAT_ADVICE_CHOICES).get(feedback.oat_advice_decision, ""),
            "referrals": listed("referrals", lambda: feedback.referrals.select_related("oat_caseworker")),
            "risk_assessment": latest_risk_assessment(feedback) if "risk_assessments" in held else None,
            "ground_findings": findings_on_grounds(feedback),
            "amended_reports": feedback.amended_reports.all(),
            "high_risk": oat_advice.needs_oat_discussion_on_high_risk(facts.case),
            "jr": shown.jr,
            "tasks": listed("tasks", shown.tasks),
            "letters": listed("letters", shown.letters),
            "remedies": listed("remedies", shown.remedies),
            "learning_points": listed("learning_points", shown.learning_points),
            "events": feedback.events.order_by("-id"),
            "attachments": feedback.attachments.select_related("uploaded_by"),
            "may_attach": may_attach(request.user, feedback),
            "contents": reads_contents(request.user),
            "new_investigation": shown.new_investigation,
            "quash_proposal": shown.quash_proposal,
            "approvals": listed("approvals", shown.approvals),
            "follow_ons": listed("follow_on_cases", lambda: after_review.arranged_on(request.user, feedback)),
            "follow_ups": listed("follow_ups", shown.follow_ups),
            "may_log_follow_up": not follow_up_refusals(request.user, feedback),
            "correspondence": correspondence_history(feedback),
            "may_log_correspondence": not correspondence_refusals(request.user, feedback),
        },
    )


@login_required
@not_found_is_404
def feedback_action(request, reference, name):
    feedback = feedback_for(request.user, reference)
    workflow = workflow_for(feedback.kind)
    if not workflow.has_action(name):
        raise Http404("No such action")
    action = workflow.action(name)
    facts = feedback_facts(feedback, request.user)
    decision = evaluate(workflow, action, facts, roles_on(request.user, feedback))
    form = action_form_class(action)(request.POST if request.method == "POST" else None)
    refused = conflict = None
    if request.method == "POST" and decision.allowed and form.is_valid():
        if action.confirm and request.POST.get("confirmed") != "yes":
            return _confirm(request, feedback, action, form)
        last_letter = feedback.letters.order_by("-id").values_list("id", flat=True).first() or 0
        try:
            take_action(request.user, feedback.reference, action.name, form.cleaned_data, today(), version=_version(request))
        except Refused as error:
            refused = error
        except Conflict as error:
            conflict = error
        else:
            acted = FeedbackCase.objects.select_related("case").get(pk=feedback.pk)
            sent = acted.letters.filter(id__gt=last_letter).select_related("template").order_by("id")
            messages.success(request, after_action(action.label, acted, sent))
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
            "label": action.again if action.done and action.done(facts) else action.label,
            "closed": closed_now,
            "rows": field_rows(form, action.fields, refused.field_errors() if refused else {}),
            "errors": _conflict_errors(conflict) or (summary_errors(form, refused, names) if request.method == "POST" else []),
            "conflict": conflict,
            # Loaded with the page: a submit from an older version than the record's is refused.
            "version": feedback.version,
        },
        status=409
        if conflict
        else (400 if request.method == "POST" and (refused or form.errors) else (403 if closed_now else 200)),
    )


def _confirm(request, feedback, action, form):
    """An action that cannot be undone: the answers, the warning, and a button that confirms them."""
    answers = [(name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values]
    shown = [(spec.label, form.cleaned_data.get(spec.name)) for spec in action.fields]
    return render(
        request,
        "web/confirm_action.html",
        {"feedback": feedback, "case": feedback.case, "action": action, "answers": answers, "shown": shown},
    )


def _version(request) -> int | None:
    """The version the form was loaded at; a form without one (an old page) is not checked."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _conflict_errors(conflict: Conflict | None) -> list[dict]:
    return [{"message": conflict.message, "anchor": "conflict", "paragraph": ""}] if conflict else []
