from django.urls import reverse

from casework.models.staff import roles_of
from policy.facts import Role


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    path = request.path
    roles = roles_of(user)
    items = [("My work", reverse("my-work")), ("Cases", reverse("case-search"))]
    if Role.OAT in roles:
        items.append(("OAT referrals", reverse("oat-queue")))
    items.append(("Workflow", reverse("workflow", args=["decision_complaint"])))
    return {
        "nav_items": [
            {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))} for label, url in items
        ],
        "role_labels": ", ".join(role.label for role in sorted(roles)) or "no role",
    }
