"""Documents on a feedback case: attach one (grounds for review, para 38; evidence, para 30) and download one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from casework.read.access import feedback_for
from casework.services.attachments import attach_document, may_attach, open_attachment
from casework.services.errors import Refused
from casework.services.scanning import scanning_is_on
from web.forms import ATTACHMENT_FIELDS, AttachmentForm, field_rows
from web.views.common import not_found_is_404, summary_errors

FIELD_NAMES = ["file", *(spec.name for spec in ATTACHMENT_FIELDS)]


@login_required
@require_http_methods(["GET", "POST"])
@not_found_is_404
def attach_document_page(request, reference):
    feedback = feedback_for(request.user, reference)
    allowed = may_attach(request.user, feedback)
    posted = request.method == "POST"
    form = AttachmentForm(request.POST if posted else None, request.FILES if posted else None)
    refused = None
    if posted and allowed and form.is_valid():
        data = form.cleaned_data
        try:
            attachment = attach_document(request.user, reference, data["file"], data["kind"], data["description"])
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"Attached {attachment.original_name}")
            return redirect(reverse("feedback-detail", args=[feedback.reference]) + "#documents")
    extra_errors = refused.field_errors() if refused else {}
    file_errors = list(form.errors.get("file", [])) + extra_errors.get("file", [])
    return render(
        request,
        "web/attach_document.html",
        {
            "feedback": feedback,
            "case": feedback.case,
            "allowed": allowed,
            "max_size": settings.REDRESS_MAX_UPLOAD_BYTES,
            "unscanned": not scanning_is_on(),
            "rows": field_rows(form, ATTACHMENT_FIELDS, extra_errors),
            "file_error": file_errors[0] if file_errors else "",
            "errors": summary_errors(form, refused, FIELD_NAMES) if posted else [],
        },
        status=403 if not allowed else (400 if posted else 200),
    )


@login_required
@require_safe
@not_found_is_404
def download_attachment(request, reference, pk):
    attachment, handle = open_attachment(request.user, reference, pk)
    # Always a download, typed as what the bytes are, so a browser never renders or sniffs it in our origin.
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
