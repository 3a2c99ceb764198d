"""A manager's team view: each person's open work, overdue first, with the team's totals."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from casework.read.team import manages_a_team, team_work
from web.views.common import today


@login_required
def team_page(request):
    if not manages_a_team(request.user):
        raise Http404("The team view is for managers")
    return render(request, "web/team.html", {"team": team_work(request.user, today())})
