"""A letter on a feedback case: its author previews, edits and sends a draft; anyone who may see the
case reads it, sees how it was delivered and downloads it as a PDF."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from casework.models import Letter
from casework.read.access import letter_for
from casework.read.letter_pdf import pdf_response
from casework.services.errors import Refused
from casework.services.letters import edit_letter, may_edit, may_send, record_posted, send_letter
from policy.decisions import Reason
from web.views.common import not_found_is_404, summary_errors, today

FIELDS = ["subject", "body", "channel", "email", "address", "posted_on"]


@login_required
@require_safe
@not_found_is_404
def letter_pdf(request, reference, letter_id):
    return pdf_response(letter_for(request.user, reference, letter_id))


@login_required
@require_http_methods(["GET", "POST"])
@not_found_is_404
def letter_page(request, reference, letter_id):
    letter = letter_for(request.user, reference, letter_id)
    entered: dict[str, str] = {}
    errors: list[dict] = []
    if request.method == "POST":
        entered = {name: request.POST.get(name, "") for name in (*FIELDS, "posted_on_day", "posted_on_month", "posted_on_year")}
        intent = request.POST.get("intent", "")
        try:
            done = _act(request, letter, intent, entered)
        except Refused as refused:
            errors = summary_errors(None, refused, FIELDS)
        else:
            messages.success(request, done)
            return redirect(reverse("letter", args=[letter.feedback_case.reference, letter.pk]))
    feedback = letter.feedback_case
    context = {
        "letter": letter,
        "feedback": feedback,
        "case": feedback.case,
        "may_edit": may_edit(request.user, letter),
        "may_send": may_send(request.user, letter),
        "subject": entered.get("subject", letter.subject),
        "body": entered.get("body", letter.body),
        "channel": entered.get("channel", letter.channel),
        "email": entered.get("email", letter.recipient_email),
        "address": entered.get("address", letter.address),
        "posted": {part: entered.get(f"posted_on_{part}", "") for part in ("day", "month", "year")},
        "emails": letter.emails.all(),
        "errors": errors,
        "error_for": {reason["anchor"].removeprefix("field-"): reason["message"] for reason in errors if reason["anchor"]},
    }
    return render(request, "web/letter.html", context, status=400 if errors else 200)


def _act(request, letter: Letter, intent: str, entered: dict[str, str]) -> str:
    reference, user = letter.feedback_case.reference, request.user
    if intent == "save":
        edit_letter(user, reference, letter.pk, entered["subject"], entered["body"])
        return "Your changes to the letter are saved. It has not been sent."
    if intent == "send":
        sent = send_letter(user, reference, letter.pk, entered["channel"], email=entered["email"], address=entered["address"])
        if sent.status == Letter.Status.QUEUED:
            return f"The letter is on its way to {sent.recipient_email}: it shows as delivered once the mail server takes it."
        return "The letter is ready to print and post: download the PDF, then record the date it was posted."
    if intent == "posted":
        record_posted(user, reference, letter.pk, _date(entered), today())
        return "The date the letter was posted is recorded."
    raise Refused(reasons=(Reason("-", "Choose whether to save, send or record the posting of the letter"),))


def _date(entered: dict[str, str]) -> date | None:
    try:
        return date(*(int(entered[f"posted_on_{part}"]) for part in ("year", "month", "day")))
    except (ValueError, KeyError):
        return None
