"""The Legal Team's queue: advice before a review while Judicial Review is in prospect (para 70),
and views on proposals to quash a report (para 68).
Paged, 50 a page, with the total."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.models.staff import roles_of
from casework.read.queues import legal_requests
from policy.facts import Role
from web.pagination import paged
from web.views.common import today


@login_required
@require_safe
def legal_queue_page(request):
    if Role.LEGAL not in roles_of(request.user):
        raise Http404("The Legal Team's queue is for the Legal Team")
    return render(request, "web/legal_queue.html", paged(legal_requests(request.user, today()), request, counted=True))
