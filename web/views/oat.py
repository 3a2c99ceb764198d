"""OAT's queue: referrals to take, the reviews you hold, and requests for advice (paras 27, 47).

Each list is paged on its own (50 a page, its own page number in the address), with its total up to
1,000 ("More than 1,000 referrals" past that): the waiting grow with the caseload."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from casework.models.staff import roles_of
from casework.read.judicial_review import review_clock
from casework.read.queues import days_waiting, oat_queue
from policy.facts import Role
from web.pagination import counted_page_of, links
from web.views.common import today

SECTIONS = ("waiting", "yours", "advice")


@login_required
def oat_queue_page(request):
    if Role.OAT not in roles_of(request.user):
        raise Http404("OAT's queue is for OAT")
    queue = oat_queue(request.user)
    now = today()
    pages = {name: counted_page_of(getattr(queue, name), request, f"{name}_page") for name in SECTIONS}
    for feedback in [*pages["waiting"], *pages["yours"]]:
        feedback.days_waiting = days_waiting(feedback.referred_on, now)
        feedback.jr_date = review_clock(feedback, now).jr_date  # a claim is due by then (para 71)
        feedback.jr_days_left = (feedback.jr_date - now).days
    params = request.GET
    paging = {name: links(page, params, f"{name}_page") for name, page in pages.items()}
    return render(request, "web/oat_queue.html", {"pages": pages, "paging": paging})
