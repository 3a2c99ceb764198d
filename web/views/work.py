"""My work: every open piece of feedback I or my role's queue hold, derived from the declaration, overdue first.

The page shows the first few, most pressing, with the total and a link to all of them a page at a time."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casework.read.work import FIRST, drafts_of
from casework.read.work import my_work as work_for
from casework.services.subject_access import open_requests_for
from web.pagination import paged
from web.views.common import today


@login_required
def my_work(request):
    now = today()
    work = work_for(request.user, now)
    first = work[:FIRST]  # read with the total, so counting costs no second query
    context = {
        "items": first,
        "total": work.count(),
        "drafts": drafts_of(request.user),
        "today": now,
        "subject_access": open_requests_for(request.user),
    }
    return render(request, "web/my_work.html", context)


@login_required
def my_work_all(request):
    return render(request, "web/work_all.html", {**paged(work_for(request.user, today()), request), "whose": None})
