"""My work: every open piece of feedback I or my role's queue hold, derived from the declaration, overdue first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casework.read.work import drafts_of
from casework.read.work import my_work as work_for
from web.views.common import today


@login_required
def my_work(request):
    now = today()
    return render(
        request, "web/my_work.html", {"items": work_for(request.user, now), "drafts": drafts_of(request.user), "today": now}
    )
