"""Learning fed back to line managers: the points recorded about their people's cases (paras 19, 55,
56, Annex A: "feed back by email to the line manager, OM for caseworkers, AD for OMs"). Read-only."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from casework.models import LearningPoint
from casework.models.staff import roles_of
from casework.read import access
from policy.facts import Role


def may_see_learning_feedback(user) -> bool:
    return Role.MANAGER in roles_of(user)


def learning_for_line_manager(user) -> QuerySet[LearningPoint]:
    """Learning points on feedback about cases whose case owner this person line manages, newest first.

    A line manager hears the learning about their people wherever the case sits; `with_case_visible`
    says whether they may also open the feedback itself (a case in another team may be closed to them).
    """
    return (
        LearningPoint.objects.filter(feedback_case__case__case_owner__profile__line_manager=user)
        .select_related("feedback_case__case__case_owner", "charter_commitment", "service_model_section", "fed_back_to")
        .order_by("-recorded_at", "-id")
    )


def with_case_visible(user, points: Iterable[LearningPoint]) -> list[LearningPoint]:
    """The points, each with `case_visible`: asked of the cases shown only (feedback is seen with its case),
    not of all the cases the person sees."""
    points = list(points)
    shown = {point.feedback_case.case_id for point in points}
    visible = set(access.visible_cases(user).filter(pk__in=shown).values_list("pk", flat=True))
    for point in points:
        point.case_visible = point.feedback_case.case_id in visible
    return points
