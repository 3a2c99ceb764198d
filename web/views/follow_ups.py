"""Logging contact received after our internal process has ended, without reopening the feedback (para 75)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.read.access import feedback_for
from casework.services.errors import Refused
from casework.services.follow_up import follow_up_refusals, log_follow_up
from casework.services.intake import FOLLOW_UP_FIELDS
from web.forms import field_rows, follow_up_form_class
from web.views.common import not_found_is_404, summary_errors, today


@login_required
@require_http_methods(["GET", "POST"])
@not_found_is_404
def log_follow_up_page(request, reference):
    feedback = feedback_for(request.user, reference)
    closed = follow_up_refusals(request.user, feedback)
    posted = request.method == "POST"
    form = follow_up_form_class()(request.POST if posted else None)
    refused = None
    if posted and not closed and form.is_valid():
        data = form.cleaned_data
        try:
            log_follow_up(
                request.user,
                feedback.reference,
                data["received_date"],
                data["channel"],
                data["summary"],
                data["response"],
                today(),
            )
        except Refused as error:
            refused = error
        else:
            messages.success(request, "Follow-up contact logged")
            return redirect(reverse("feedback-detail", args=[feedback.reference]) + "#follow-ups")
    return render(
        request,
        "web/log_follow_up.html",
        {
            "feedback": feedback,
            "case": feedback.case,
            "closed": closed,
            "rows": field_rows(form, FOLLOW_UP_FIELDS, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, [spec.name for spec in FOLLOW_UP_FIELDS]) if posted else [],
        },
        status=403 if closed else (400 if posted else 200),
    )
