"""Data protection pages: subject access requests (administrators), and who viewed a case."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from casework.models import SecurityEvent, SubjectAccessRequest
from casework.models.staff import roles_of
from casework.read.access import case_for
from casework.security_log import VIEWED
from casework.services import subject_access
from casework.services.errors import Refused
from policy.facts import Role
from web.views.common import not_found_is_404, summary_errors, today

FIELDS = ["service_user", "received_on", "assigned_to"]
# Who may see who looked at a case: those who oversee the work on it.
SEE_VIEWERS = {Role.MANAGER, Role.DIRECTOR, Role.OMBUDSMAN, Role.CHIEF_EXECUTIVE}


@login_required
@require_http_methods(["GET", "POST"])
def subject_access_page(request):
    if not subject_access.may_handle(request.user):
        raise Http404("Only administrators handle subject access requests")
    errors, values = [], {"person": "", "received_on": "", "assigned_to": str(request.user.pk)}
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in FIELDS}
        try:
            logged = subject_access.log_request(
                request.user, values["service_user"], _date(values["received_on"]), _int(values["assigned_to"]), today()
            )
        except Refused as refused:
            errors = summary_errors(None, refused, FIELDS)
        else:
            messages.success(request, f"Subject access request {logged.pk} logged: due by {logged.due_on:%-d %B %Y}")
            return redirect("subject-access")
    context = {
        "requests": SubjectAccessRequest.objects.select_related("assigned_to", "service_user"),
        "administrators": get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username"),
        "values": values,
        "errors": errors,
        "error_fields": {error["anchor"].removeprefix("field-") for error in errors},
        "today": today(),
    }
    return render(request, "web/subject_access.html", context, status=400 if errors else 200)


@login_required
@require_safe
@not_found_is_404
def subject_access_export(request, pk):
    answered, content = subject_access.export(request.user, pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{answered.pk}.zip"'
    return response


@login_required
@require_safe
@not_found_is_404
def case_viewers(request, reference):
    case = case_for(request.user, reference)
    if not roles_of(request.user) & SEE_VIEWERS:
        return render(request, "web/case_viewers.html", {"case": case, "refused": True}, status=403)
    references = [case.reference, *case.feedback.values_list("reference", flat=True)]
    views = SecurityEvent.objects.filter(event=VIEWED, object_ref__in=references).order_by("-at", "-id")[:500]
    return render(request, "web/case_viewers.html", {"case": case, "views": views})


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None
