"""Case records on the page: shared services (or an administrator) create and correct them, and
record a further decision on a case."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from casework.read.access import case_record_for
from casework.services.case_records import case_snapshot, correct_case, create_case, record_decision
from casework.services.errors import Conflict, Refused
from casework.services.record_fields import (
    CASE_FIELDS,
    DECISION_FIELDS,
    PERSON_FIELDS,
    case_fields_for,
    may_record_decisions,
    refuse,
)
from policy.workflows import FieldKind
from web.forms import field_rows, record_form_class
from web.views.common import not_found_is_404, summary_errors, today

# What is asked to register a new service user with a new case; the rest is on their own page.
NEW_PERSON_FIELDS = tuple(
    replace(spec, required_by=None)
    for spec in PERSON_FIELDS
    if spec.name in {"name", "address_lines", "postcode", "email", "phone", "preferred_channel"}
)


def _case_specs(user, *, creating: bool):
    allowed = case_fields_for(user)
    if not allowed:
        raise Http404("Only shared services or an administrator keep case records")
    return tuple(spec for spec in CASE_FIELDS if spec.name in allowed and (creating or spec.name != "reference"))


@login_required
def create_case_page(request):
    specs = _case_specs(request.user, creating=True)
    form = record_form_class(specs + NEW_PERSON_FIELDS)(request.POST if request.method == "POST" else None)
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = {spec.name: data[spec.name] for spec in NEW_PERSON_FIELDS}
        new_person = person if not data.get("service_user") and any(person.values()) else None
        try:
            case = create_case(request.user, {spec.name: data[spec.name] for spec in specs}, today(), service_user=new_person)
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"Case {case.reference} created")
            return redirect("case-detail", case.reference)
    errors = refused.field_errors() if refused else {}
    return render(
        request,
        "web/case_record.html",
        {
            "title": "Create a case record",
            "rows": field_rows(form, specs, errors),
            "person_rows": field_rows(form, NEW_PERSON_FIELDS, errors),
            "errors": summary_errors(form, refused, [spec.name for spec in specs + NEW_PERSON_FIELDS]),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@not_found_is_404
def correct_case_page(request, reference):
    specs = _case_specs(request.user, creating=False)
    case = case_record_for(request.user, reference)
    current = case_snapshot(case)
    form = record_form_class(specs)(request.POST if request.method == "POST" else None, initial=current)
    refused, status = None, 400
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data
        changed = {
            spec.name: typed[spec.name]
            for spec in specs
            # an unanswered yes-or-no question leaves the answer as it was
            if not _same(typed[spec.name], current[spec.name])
            and not (spec.kind == FieldKind.YES_NO and typed[spec.name] is None)
        }
        try:
            correct_case(request.user, reference, changed, today(), version=_version(request))
        except Refused as error:
            refused = error
        except Conflict as error:
            refused, status = Refused(reasons=(refuse(error.message),)), 409
        else:
            messages.success(request, f"Case {reference} corrected" if changed else "Nothing was changed")
            return redirect("case-detail", reference)
    return render(
        request,
        "web/case_record.html",
        {
            "title": f"Correct case {reference}",
            "case": case,
            "rows": field_rows(form, specs, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, [spec.name for spec in specs]),
        },
        status=status if request.method == "POST" else 200,
    )


@login_required
@not_found_is_404
def record_decision_page(request, reference):
    if not may_record_decisions(request.user):
        raise Http404("Only shared services or an administrator record decisions on a case")
    case = case_record_for(request.user, reference)
    form = record_form_class(DECISION_FIELDS)(request.POST if request.method == "POST" else None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            decision = record_decision(request.user, reference, form.cleaned_data, today())
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"Decision of {decision.decided_on:%-d %B %Y} recorded on case {reference}")
            return redirect("case-detail", reference)
    return render(
        request,
        "web/record_form.html",
        {
            "title": "Record another decision",
            "caption": f"Case {case.reference}, {case.service_user}",
            "back": reverse("case-detail", args=[reference]),
            "intro": "For example, a decision on an open case not to investigate some parts of the complaint (para 20). "
            "A complaint about it names it, and its time limits run from it.",
            "button": "Record the decision",
            "rows": field_rows(form, DECISION_FIELDS, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, [spec.name for spec in DECISION_FIELDS]),
        },
        status=400 if request.method == "POST" else 200,
    )


def _same(typed, stored) -> bool:
    """A blank box matches nothing recorded; a number typed matches the number kept."""
    if typed in (None, "") and stored in (None, ""):
        return True
    return typed == stored or (isinstance(stored, int) and not isinstance(stored, bool) and str(typed) == str(stored))


def _version(request) -> int | None:
    """The version of the case the form was filled in from."""
    version = request.POST.get("version", "")
    return int(version) if version.isdigit() else None
