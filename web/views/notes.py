"""A file note on a piece of feedback: audited, and shown in its timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.read.access import feedback_for
from casework.services.assignment import NOT_WORKING_ON_IT, add_file_note, may_add_note
from casework.services.errors import NotFound, Refused
from web.views.common import summary_errors


@login_required
@require_http_methods(["GET", "POST"])
def file_note_page(request, reference):
    try:
        feedback = feedback_for(request.user, reference)
    except NotFound:
        raise Http404("No such feedback")
    errors, note = [], ""
    if not may_add_note(request.user, feedback):
        errors = [{"message": NOT_WORKING_ON_IT, "anchor": "", "paragraph": ""}]
        context = {"feedback": feedback, "case": feedback.case, "errors": errors, "note": ""}
        return render(request, "web/file_note.html", context, status=403)
    if request.method == "POST":
        note = request.POST.get("note", "")
        try:
            add_file_note(request.user, feedback.reference, note)
        except Refused as refused:
            errors = summary_errors(None, refused, ["note"])
        else:
            messages.success(request, f"File note added to {feedback.reference}'s timeline")
            return redirect(reverse("feedback-detail", args=[feedback.reference]))
    context = {"feedback": feedback, "case": feedback.case, "errors": errors, "note": note}
    return render(request, "web/file_note.html", context, status=400 if errors else 200)
