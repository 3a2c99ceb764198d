"""Learning fed back to a line manager: the learning points recorded about their people's cases
(paras 19, 55, 56, Annex A), and whether each was fed back."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.read.learning import learning_for_line_manager, may_see_learning_feedback, with_case_visible
from web.pagination import window_of

PER_PAGE = 50


@login_required
@require_safe
def learning_page(request):
    """A page of the learning, newest first, with links to the pages before and after (not counted: a line
    manager's people gather learning for years, and a page should cost what it shows)."""
    if not may_see_learning_feedback(request.user):
        raise Http404("Learning feedback is for line managers")
    page = window_of(learning_for_line_manager(request.user), request, PER_PAGE)
    return render(request, "web/learning.html", {"page": page, "points": with_case_visible(request.user, page.object_list)})
