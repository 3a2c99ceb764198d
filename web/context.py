from django.urls import reverse

from casework.models.staff import roles_of


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    path = request.path
    items = [
        ("My work", reverse("my-work")),
        ("Cases", reverse("case-search")),
        ("Workflow", reverse("workflow", args=["decision_complaint"])),
    ]
    return {
        "nav_items": [
            {"label": label, "url": url, "active": path == url or (url != "/" and path.startswith(url))} for label, url in items
        ],
        "role_labels": ", ".join(role.label for role in sorted(roles_of(user))) or "no role",
    }
