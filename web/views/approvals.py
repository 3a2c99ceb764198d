"""Proposals waiting for your approval under the Delegation Scheme: a new detailed investigation
(para 73) or quashing a report (para 69); by default the Ombudsman's or a Deputy's.
Paged, 50 a page, with the total."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.read.queues import approves_something, pending_approvals
from web.pagination import paged
from web.views.common import today


@login_required
@require_safe
def approvals_page(request):
    if not approves_something(request.user):
        raise Http404("Approvals are for the people the Delegation Scheme names")
    return render(request, "web/approvals.html", paged(pending_approvals(request.user, today()), request))
