"""Who may see which cases. Used by every page and endpoint: a case you may not see is not found."""

from __future__ import annotations

from django.db.models import QuerySet

from casework import security_log
from casework.models import Case, FeedbackCase, Letter
from casework.models.staff import roles_of, team_of
from casework.services.errors import NotFound
from policy.facts import Role

# These roles work across teams; caseworkers and managers see their own team's cases.
SEE_ALL = {Role.OAT, Role.LEGAL, Role.OMBUDSMAN, Role.SHARED_SERVICES, Role.DIRECTOR, Role.CHIEF_EXECUTIVE}


def visible_cases(user) -> QuerySet[Case]:
    roles = roles_of(user)
    cases = Case.objects.select_related("team", "case_owner", "manager")
    if roles & SEE_ALL:
        return cases
    visible = cases.none()
    if Role.JOINT_WORKING in roles:
        visible = visible | cases.filter(joint_with_lgsco=True)
    team = team_of(user)
    if team is not None and roles & {Role.CASEWORKER, Role.MANAGER}:
        visible = visible | cases.filter(team=team)
    if Role.MANAGER in roles:  # a complaint escalated up the chain (para 15)
        visible = visible | cases.filter(pk__in=FeedbackCase.objects.filter(handling_manager=user).values("case_id"))
    return visible


def visible_feedback(user, among: QuerySet[FeedbackCase] | None = None) -> QuerySet[FeedbackCase]:
    """The feedback this person may see (`among` these, or all of it)."""
    feedback = (FeedbackCase.objects.all() if among is None else among).select_related(
        "case", "case__team", "case__case_owner", "case__manager"
    )
    if roles_of(user) & SEE_ALL:
        return feedback  # all of it: every piece of feedback is about a case, and they see every case
    return feedback.filter(case__in=visible_cases(user))


def roles_on(user, feedback: FeedbackCase) -> frozenset[Role]:
    """The roles a person holds on this feedback. A manager acts as "the case owner's manager" only
    when they manage the case, or a service complaint was escalated to them (paras 13, 15)."""
    roles = set(roles_of(user))
    if Role.MANAGER in roles and user.pk not in {feedback.case.manager_id, feedback.handling_manager_id}:
        roles.discard(Role.MANAGER)
    if Role.CASEWORKER in roles and team_of(user) != feedback.case.team:
        roles.discard(Role.CASEWORKER)
    return frozenset(roles)


def case_for(user, reference: str) -> Case:
    try:
        return visible_cases(user).get(reference=reference)
    except Case.DoesNotExist:
        if Case.objects.filter(reference=reference).exists():
            security_log.note_refusal(reference)
        raise NotFound(f"No case {reference} that you can see") from None


def feedback_for(user, reference: str) -> FeedbackCase:
    try:
        return visible_feedback(user).get(reference=reference)
    except FeedbackCase.DoesNotExist:
        if FeedbackCase.objects.filter(reference=reference).exists():
            security_log.note_refusal(reference)
        raise NotFound(f"No feedback {reference} that you can see") from None


def letter_for(user, reference: str, letter_id: int) -> Letter:
    """A letter on feedback this person may see. A letter of another feedback case is not found,
    even when its own case is visible: the reference in the address must be the letter's."""
    feedback = feedback_for(user, reference)
    try:
        return feedback.letters.select_related("template").get(pk=letter_id)
    except Letter.DoesNotExist:
        raise NotFound(f"No letter {letter_id} on feedback {reference}") from None
