"""Logging correspondence received on a feedback case: an email pasted, or a scan attached."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.read.access import feedback_for
from casework.services.correspondence import Received, correspondence_refusals, log_correspondence
from casework.services.errors import Refused
from casework.services.intake import CORRESPONDENCE_FIELDS
from web.forms import correspondence_form_class, field_rows
from web.views.common import not_found_is_404, summary_errors, today

FIELD_NAMES = [*(spec.name for spec in CORRESPONDENCE_FIELDS), "file"]


@login_required
@require_http_methods(["GET", "POST"])
@not_found_is_404
def log_correspondence_page(request, reference):
    feedback = feedback_for(request.user, reference)
    closed = correspondence_refusals(request.user, feedback)
    posted = request.method == "POST"
    form = correspondence_form_class()(request.POST if posted else None, request.FILES if posted else None)
    refused = None
    if posted and not closed and form.is_valid():
        data = form.cleaned_data
        received = Received(data["received_date"], data["sender"], data["channel"], data["summary"], data["text"])
        try:
            log_correspondence(request.user, feedback.reference, received, today(), upload=data["file"])
        except Refused as error:
            refused = error
        else:
            messages.success(request, "Correspondence logged")
            return redirect(reverse("feedback-detail", args=[feedback.reference]) + "#correspondence")
    extra_errors = refused.field_errors() if refused else {}
    file_errors = list(form.errors.get("file", [])) + extra_errors.get("file", [])
    return render(
        request,
        "web/log_correspondence.html",
        {
            "feedback": feedback,
            "case": feedback.case,
            "closed": closed,
            "max_size": settings.REDRESS_MAX_UPLOAD_BYTES,
            "rows": field_rows(form, CORRESPONDENCE_FIELDS, extra_errors),
            "file_error": file_errors[0] if file_errors else "",
            "errors": summary_errors(form, refused, FIELD_NAMES) if posted else [],
        },
        status=403 if closed else (400 if posted else 200),
    )
