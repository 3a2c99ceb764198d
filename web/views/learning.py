"""Learning fed back to a line manager: the learning points recorded about their people's cases
(paras 19, 55, 56, Annex A), and whether each was fed back."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.read.learning import learning_for_line_manager, may_see_learning_feedback

PER_PAGE = 50


@login_required
@require_safe
def learning_page(request):
    if not may_see_learning_feedback(request.user):
        raise Http404("Learning feedback is for line managers")
    page = Paginator(learning_for_line_manager(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/learning.html", {"page": page, "points": page.object_list})
