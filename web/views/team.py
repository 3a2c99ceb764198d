"""A manager's team view: each person's open work, overdue first, with the team's totals.

Each person's first few items are shown, with a link to all of that person's work a page at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from casework.models.staff import roles_of
from casework.read.team import manages_a_team, reassignable_cases, team_members, team_work
from casework.read.work import FIRST, held_by
from casework.services.assignment import reassign_case_owner
from casework.services.errors import NotFound, Refused
from policy.facts import Role
from web.pagination import paged
from web.views.common import summary_errors, today


@login_required
def team_page(request):
    if not manages_a_team(request.user):
        raise Http404("The team view is for managers")
    return render(request, "web/team.html", {"team": team_work(request.user, today()), "first": FIRST})


@login_required
def member_work_page(request, member_id: int):
    """All that one member of the manager's team holds, overdue first, a page at a time."""
    if not manages_a_team(request.user):
        raise Http404("The team view is for managers")
    member = next((one for one in team_members(request.user) if one.pk == member_id), None)
    if member is None:
        raise Http404("No such person in your team")
    return render(request, "web/work_all.html", {**paged(held_by(member, today()), request), "whose": member})


@login_required
@require_http_methods(["GET", "POST"])
def reassign_page(request):
    """Move one or many of the team's cases to another caseworker, with a reason."""
    if not manages_a_team(request.user):
        raise Http404("Reassigning cases is for managers")
    errors, chosen, reason, owner = [], [], "", None
    if request.method == "POST":
        chosen, reason = request.POST.getlist("cases"), request.POST.get("reason", "")
        owner = request.POST.get("new_owner") or None
        try:
            moved = reassign_case_owner(request.user, chosen, int(owner) if owner and owner.isdigit() else None, reason)
        except Refused as refused:
            errors = summary_errors(None, refused, ["cases", "new_owner", "reason"])
        except NotFound:
            raise Http404("No such case")
        else:
            names = ", ".join(case.reference for case in moved)
            messages.success(request, f"Reassigned {names} to {moved[0].case_owner.get_full_name()}")
            return redirect("team")
    context = {
        "cases": reassignable_cases(request.user),
        "caseworkers": [person for person in team_members(request.user) if Role.CASEWORKER in roles_of(person)],
        "chosen": set(chosen),
        "reason": reason,
        "owner": owner,
        "errors": errors,
        "field_errors": {error["anchor"].removeprefix("field-"): error["message"] for error in errors},
    }
    return render(request, "web/reassign.html", context, status=400 if errors else 200)
