"""Who acts for a service user, on the page: add a representative or MP with the consent for it,
correct their details, and record when they stopped acting. Those who keep people's records do it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from casework.read import people
from casework.services.errors import NotFound, Refused
from casework.services.record_fields import ENDING_FIELDS, REPRESENTATIVE_FIELDS, keeps_person_records
from casework.services.service_users import (
    add_representative,
    correct_representative,
    end_representative,
    representative_snapshot,
)
from web.forms import field_rows, record_form_class
from web.views.common import not_found_is_404, summary_errors, today

CONSENT = "Record who gave consent for them to act, when, and how. Every change is recorded with what it was before."


@login_required
@not_found_is_404
def add_page(request, reference):
    person = _person(request, reference)

    def save(data):
        acting = add_representative(request.user, reference, data, today())
        return f"{acting.name} recorded as acting for {person.name}"

    return _form(request, person, REPRESENTATIVE_FIELDS, save, title="Add a representative or MP", button="Add them")


@login_required
@not_found_is_404
def correct_page(request, reference, representative_id):
    person = _person(request, reference)
    acting = _acting(person, representative_id)
    current = representative_snapshot(acting)

    def save(data):
        changed = {name: value for name, value in data.items() if value != current[name] and (value or current[name])}
        correct_representative(request.user, reference, representative_id, changed, today())
        return f"{acting.name}'s details corrected" if changed else "Nothing was changed"

    return _form(
        request,
        person,
        REPRESENTATIVE_FIELDS,
        save,
        title=f"Correct {acting.name}'s details",
        button="Save the corrections",
        initial=current,
    )


@login_required
@not_found_is_404
def end_page(request, reference, representative_id):
    person = _person(request, reference)
    acting = _acting(person, representative_id)

    def save(data):
        end_representative(request.user, reference, representative_id, data["ended_on"], today())
        return f"{acting.name} no longer acts for {person.name}"

    return _form(
        request,
        person,
        ENDING_FIELDS,
        save,
        title=f"{acting.name} stopped acting for {person.name}",
        button="Record that they stopped acting",
        intro="They stay on their record, with the day they stopped acting.",
    )


def _person(request, reference):
    if not keeps_person_records(request.user):
        raise Http404("Only shared services or an administrator record who acts for a service user")
    return people.person_for(request.user, reference)


def _acting(person, representative_id):
    acting = person.representatives.filter(pk=representative_id).first()
    if acting is None:
        raise NotFound(f"No one recorded as acting for {person.reference} with the number {representative_id}")
    return acting


def _form(request, person, specs, save, *, title, button, initial=None, intro=CONSENT):
    form = record_form_class(specs)(request.POST if request.method == "POST" else None, initial=initial)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            done = save(form.cleaned_data)
        except Refused as error:
            refused = error
        else:
            messages.success(request, done)
            return redirect("person-detail", person.reference)
    return render(
        request,
        "web/record_form.html",
        {
            "title": title,
            "caption": f"Service user {person.reference}, {person.name}",
            "back": reverse("person-detail", args=[person.reference]),
            "intro": intro,
            "button": button,
            "rows": field_rows(form, specs, refused.field_errors() if refused else {}),
            "errors": summary_errors(form, refused, [spec.name for spec in specs]),
        },
        status=400 if request.method == "POST" else 200,
    )
