"""My work: every open piece of feedback I or my role's queue hold, derived from the declaration, overdue first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casework.read.work import drafts_of
from casework.read.work import my_work as work_for
from casework.services.subject_access import open_requests_for
from web.views.common import today


@login_required
def my_work(request):
    now = today()
    context = {
        "items": work_for(request.user, now),
        "drafts": drafts_of(request.user),
        "today": now,
        "subject_access": open_requests_for(request.user),
    }
    return render(request, "web/my_work.html", context)
