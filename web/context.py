from django.urls import reverse

from casework.models import Notification
from casework.models.staff import roles_of
from casework.read.insight import may_see_insight
from casework.read.learning import may_see_learning_feedback
from casework.read.queues import approves_something
from casework.read.team import manages_a_team
from casework.services.case_import import may_import
from policy.facts import Role


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    path = request.path
    roles = roles_of(user)
    items = [
        ("My work", reverse("my-work")),
        ("Cases", reverse("case-search")),
        ("Feedback", reverse("feedback-list")),
        ("People", reverse("people-search")),
    ]
    if manages_a_team(user):
        items.append(("My team", reverse("team")))
    if Role.OAT in roles:
        items.append(("OAT referrals", reverse("oat-queue")))
    if Role.LEGAL in roles:
        items.append(("Legal requests", reverse("legal-queue")))
    if approves_something(user):
        items.append(("Approvals", reverse("approvals")))
    if may_see_insight(user):
        items.append(("Insight", reverse("insight")))
    if may_see_learning_feedback(user):
        items.append(("Learning", reverse("learning")))
    if may_import(user):
        items.append(("Import cases", reverse("import-cases")))
    items.append(("Workflow", reverse("workflow", args=["decision_complaint"])))
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    items.append((f"Notifications ({unread} unread)" if unread else "Notifications", reverse("notifications")))
    return {
        "nav_items": [
            {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))} for label, url in items
        ],
        "role_labels": ", ".join(role.label for role in sorted(roles)) or "no role",
    }
