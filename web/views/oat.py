"""OAT's queue: referrals to take, the reviews you hold, and requests for advice (paras 27, 47)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from casework.models.staff import roles_of
from casework.read.judicial_review import review_clock
from casework.read.queues import days_waiting, oat_queue
from policy.facts import Role
from web.views.common import today


@login_required
def oat_queue_page(request):
    if Role.OAT not in roles_of(request.user):
        raise Http404("OAT's queue is for OAT")
    queue = oat_queue(request.user)
    now = today()
    for feedback in queue.waiting + queue.yours:
        feedback.days_waiting = days_waiting(feedback.referred_on, now)
        feedback.jr_date = review_clock(feedback, now).jr_date  # a claim is due by then (para 71)
        feedback.jr_days_left = (feedback.jr_date - now).days
    return render(request, "web/oat_queue.html", {"queue": queue})
