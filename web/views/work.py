"""My work: the tasks waiting for me or my role, overdue first."""

from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, Case, F, Q, When
from django.shortcuts import render

from casework.models import Task
from casework.models.staff import roles_of
from casework.read.access import visible_feedback
from web.views.common import today


@login_required
def my_work(request):
    now = today()
    mine = Q(assigned_to=request.user) | Q(
        assigned_to__isnull=True, assigned_role__in=[role.value for role in roles_of(request.user)]
    )
    tasks = (
        Task.objects.filter(mine, status=Task.Status.OPEN, feedback_case__in=visible_feedback(request.user))
        .select_related("feedback_case", "feedback_case__case")
        .annotate(overdue=Case(When(due_date__lt=now, then=True), default=False, output_field=BooleanField()))
        .order_by("-overdue", F("due_date").asc(nulls_last=True), "created_at")
    )
    return render(request, "web/my_work.html", {"tasks": tasks, "today": now})
