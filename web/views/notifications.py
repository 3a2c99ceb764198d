"""My notifications: reminders and escalations, newest first, each linking to its feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casework.models import Notification
from casework.services.reminders import mark_read


@login_required
def notifications_page(request):
    notices = Notification.objects.filter(recipient=request.user).select_related("feedback_case")[:200]
    return render(request, "web/notifications.html", {"notices": notices})


@login_required
@require_POST
def mark_notifications_read(request):
    marked = mark_read(request.user)
    messages.success(request, f"{marked} notification{'' if marked == 1 else 's'} marked as read")
    return redirect("notifications")
