"""Service users on the page: find one, see their record and cases, correct it, merge a duplicate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from casework.read import people
from casework.read.access import record_cases
from casework.services.errors import Refused
from casework.services.record_fields import PERSON_FIELDS, keeps_person_records, person_fields_for
from casework.services.service_users import correct_service_user, merge_service_users, person_snapshot
from web.forms import field_rows, record_form_class
from web.views.common import not_found_is_404, summary_errors, today

FOUND_AT_MOST = 50  # a search that finds more is shown its first fifty and asked to be narrowed


@login_required
def people_search(request):
    # Posted, like the case search, so a name stays out of the address and the logs.
    query = (request.POST if request.method == "POST" else request.GET).get("q", "").strip()
    found = list(people.find(request.user, query)[: FOUND_AT_MOST + 1]) if query else []
    context = {"people": found[:FOUND_AT_MOST], "more": len(found) > FOUND_AT_MOST, "shown": FOUND_AT_MOST, "query": query}
    return render(request, "web/people_search.html", context)


@login_required
@not_found_is_404
def person_detail(request, reference):
    person = people.person_for(request.user, reference)
    return render(
        request,
        "web/person_detail.html",
        {
            "person": person,
            "restricted": person.restricted_on(today()),
            "cases": record_cases(request.user).filter(service_user=person),
            "representatives": person.representatives.all(),
            "can_correct": bool(person_fields_for(request.user)),
            "keeps_record": keeps_person_records(request.user),
        },
    )


@login_required
@not_found_is_404
def correct_person_page(request, reference):
    allowed = person_fields_for(request.user)
    if not allowed:
        raise Http404("Only shared services, OAT or an administrator correct service users' records")
    person = people.person_for(request.user, reference)
    specs = tuple(spec for spec in PERSON_FIELDS if spec.name in allowed)
    current = person_snapshot(person)
    form = record_form_class(specs)(request.POST if request.method == "POST" else None, initial=current)
    refused = None
    if request.method == "POST" and form.is_valid():
        changed = {
            spec.name: form.cleaned_data[spec.name]
            for spec in specs
            if form.cleaned_data[spec.name] != current[spec.name]
            and not (not form.cleaned_data[spec.name] and not current[spec.name])
        }
        try:
            correct_service_user(request.user, reference, changed, today())
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"{person.name}'s record corrected" if changed else "Nothing was changed")
            return redirect("person-detail", reference)
    return render(
        request,
        "web/person_record.html",
        {
            "person": person,
            "rows": field_rows(form, specs, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, [spec.name for spec in specs]),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@not_found_is_404
def merge_person_page(request, reference):
    # A merge moves every field of a record: only those who keep the whole record may do it.
    if not keeps_person_records(request.user):
        raise Http404("Only shared services or an administrator merge service users' records")
    person = people.person_for(request.user, reference)
    refused = None
    duplicate = request.POST.get("duplicate", "").strip()
    if request.method == "POST":
        try:
            merge_service_users(request.user, reference, duplicate)
        except Refused as error:
            refused = error
        else:
            messages.success(request, f"{duplicate} merged into {reference}: their cases are now {person.name}'s")
            return redirect("person-detail", reference)
    return render(
        request,
        "web/person_merge.html",
        {"person": person, "duplicate": duplicate, "errors": summary_errors(None, refused, ["duplicate"]), "refused": refused},
        status=400 if request.method == "POST" else 200,
    )
