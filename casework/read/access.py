"""Who may see which cases. Used by every page and endpoint: a case you may not see is not found."""

from __future__ import annotations

import operator
from functools import reduce
from typing import NamedTuple, NoReturn

from django.db.models import Exists, OuterRef, Q, QuerySet

from casework import security_log
from casework.models import Case, FeedbackCase, Letter, Referral, Task
from casework.models.staff import roles_of, team_of
from casework.read import compiled
from casework.services.errors import NotFound
from casework.services.record_fields import case_fields_for
from policy.facts import Role
from policy.workflows.holding import Holder
from policy.workflows.registry import workflow_for

# These roles work across teams; caseworkers and managers see their own team's cases.
SEE_ALL = {Role.OAT, Role.LEGAL, Role.OMBUDSMAN, Role.SHARED_SERVICES, Role.DIRECTOR, Role.CHIEF_EXECUTIVE}

# Shared services open new cases and allocate them (paras 57, 64): they need a case's facts, not what
# the service user told us, the letters or the documents.
FACTS_ONLY = {Role.SHARED_SERVICES}

# These teams act on a piece of feedback only once it has been put to them: a referral or a task for
# them, or its state waits on their queue. Before that they may read it but not act on it.
ACT_WHEN_REFERRED = {Role.OAT: {Holder.OAT_QUEUE, Holder.OAT_CASEWORKER}, Role.LEGAL: {Holder.LEGAL}}


def _cases() -> QuerySet[Case]:
    return Case.objects.select_related("service_user", "organisation", "team", "case_owner", "manager")


def visible_cases(user) -> QuerySet[Case]:
    seen = _seen(user)
    return _cases() if seen is None else _cases().filter(seen)


def _seen(user, case: str = "") -> Q | None:
    """The cases this person may see, as a filter of the case at `case` (a path from what is
    queried); None for every case. A filter, not a subquery, so that a list of feedback read in
    order up to its page checks the case it already joins."""
    ways = _ways_of_seeing(user, case)
    return None if ways is None else reduce(operator.or_, (way.on_case for way in ways))


def of_visible_cases(user, field: str) -> Q:
    """Rows whose `field` is the id of a case this person may see. Each way of seeing a case is its own
    `IN`, so that PostgreSQL reads what each way gives once, rather than every case to test it against
    them all: for counting over many rows (insight)."""
    return reduce(operator.or_, (Q(**{f"{field}__in": way.values("pk")}) for way in _every_way(user)))


def named_by_visible_cases(user, field: str) -> Q:
    """Rows (teams, people) that are the `field` of a case this person may see."""
    return reduce(operator.or_, (way.naming(field) for way in _every_way(user)))


def _every_way(user) -> list[_Way]:
    return _ways_of_seeing(user) or [_Way(Q(), Case.objects.all())]


class _Way(NamedTuple):
    """A way of coming to see a case: the condition on the case, and the rows that name the cases it
    gives (cases themselves, or feedback, whose case is `case__`)."""

    on_case: Q
    rows: QuerySet
    case: str = ""

    def values(self, field: str) -> QuerySet:
        return self.rows.order_by().values(f"{self.case}{field}")

    def naming(self, field: str) -> Q:
        """Rows that are the `field` of a case this way gives. Cases of a team, or joint ones, are
        asked for each row whether one exists, along the index of `field` (reading them all to list
        the few values they name costs their number); a manager's escalated complaints are read once."""
        if self.case:
            return Q(pk__in=self.values(field))
        return Q(Exists(self.rows.filter(**{field: OuterRef("pk")})))


def _ways_of_seeing(user, case: str = "") -> list[_Way] | None:
    """Each way this person comes to see a case, its condition on the case at `case` (a path from
    what is queried); None when they see every case."""
    roles = roles_of(user)
    if roles & SEE_ALL:
        return None
    ways = []
    if Role.JOINT_WORKING in roles:
        ways.append(_Way(Q(**{f"{case}joint_with_lgsco": True}), Case.objects.filter(joint_with_lgsco=True)))
    team = team_of(user)
    if team is not None and roles & {Role.CASEWORKER, Role.MANAGER}:
        ways.append(_Way(Q(**{f"{case}team": team}), Case.objects.filter(team=team)))
    if Role.MANAGER in roles:  # a complaint escalated up the chain (para 15)
        handled = FeedbackCase.objects.filter(handling_manager=user)
        ways.append(_Way(Q(**{f"{case}pk__in": handled.values("case_id")}), handled, "case__"))
    return ways or [_Way(Q(**{f"{case}pk__in": []}), Case.objects.none())]  # no way of seeing a case: none


def visibility_shape(user) -> tuple:
    """What shapes the query of the cases this person may see (their roles, whether they have a
    team), apart from who they are and which team: the same for everyone it is the same for."""
    return frozenset(roles_of(user)), team_of(user) is None


def sees_every_case(user) -> bool:
    return bool(roles_of(user) & SEE_ALL)


def narrowed_to_visible(user, rows: QuerySet, feedback_field: str = "feedback_case") -> QuerySet:
    """These rows, only those about feedback this person may see. Someone who sees every case gets
    them as they are: a filter through all the feedback would cost as much as it grows."""
    return rows if sees_every_case(user) else rows.filter(**{f"{feedback_field}__in": visible_feedback(user)})


def visible_feedback(user, among: QuerySet[FeedbackCase] | None = None) -> QuerySet[FeedbackCase]:
    """The feedback this person may see (`among` these, or all of it)."""
    feedback = (FeedbackCase.objects.all() if among is None else among).select_related(
        "case", "decision", "case__service_user", "case__organisation", "case__team", "case__case_owner", "case__manager"
    )
    seen = _seen(user, "case__")
    return feedback if seen is None else feedback.filter(seen)  # None: every case, so all the feedback


def feedback_of_visible_cases(user, among: QuerySet[FeedbackCase] | None = None) -> QuerySet[FeedbackCase]:
    """The feedback this person may see, for counting over a period: each way of seeing a case its
    own `IN` on the feedback's case (`of_visible_cases`), where `visible_feedback` joins the case."""
    feedback = FeedbackCase.objects.all() if among is None else among
    return feedback if sees_every_case(user) else feedback.filter(of_visible_cases(user, "case_id"))


def roles_on(user, feedback: FeedbackCase) -> frozenset[Role]:
    """The roles a person holds on this feedback. A manager acts as "the case owner's manager" only
    when they manage the case, or a service complaint was escalated to them (paras 13, 15); OAT and
    Legal only on feedback referred to them."""
    roles = set(roles_of(user))
    if Role.MANAGER in roles and user.pk not in {feedback.case.manager_id, feedback.handling_manager_id}:
        roles.discard(Role.MANAGER)
    if Role.CASEWORKER in roles and team_of(user) != feedback.case.team:
        roles.discard(Role.CASEWORKER)
    for role in roles & ACT_WHEN_REFERRED.keys():
        if role not in referred_to(feedback):
            roles.discard(role)
    return frozenset(roles)


def referred_to(feedback: FeedbackCase) -> frozenset[Role]:
    """The teams this feedback has been put to: by a referral (OAT), a task for them, or a state on their queue."""
    holder = workflow_for(feedback.kind).state(feedback.state).holder
    if hasattr(feedback, REFERRED):  # loaded with the facts (`referral_annotations`)
        tasked = {role for role in ACT_WHEN_REFERRED if getattr(feedback, f"tasked_{role}")}
        has_referral = getattr(feedback, REFERRED)
    else:
        tasked = set(Task.objects.filter(feedback_case=feedback).values_list("assigned_role", flat=True))
        has_referral = feedback.referrals.exists()
    referred = {role for role, holders in ACT_WHEN_REFERRED.items() if holder in holders or role in tasked}
    if has_referral:
        referred.add(Role.OAT)
    return frozenset(referred)


REFERRED = "has_referral"


def referral_annotations(this: OuterRef) -> dict:
    """What `referred_to` reads, as annotations of a query of feedback, so the facts load it with the rest."""
    tasked = {f"tasked_{role}": Exists(Task.objects.filter(feedback_case=this, assigned_role=role)) for role in ACT_WHEN_REFERRED}
    return {REFERRED: Exists(Referral.objects.filter(feedback_case=this)), **tasked}


def reads_contents(user) -> bool:
    """Whether the person may read what was said, the letters and the documents, not just the facts."""
    return bool(roles_of(user) - FACTS_ONLY)


def contents_for(user, reference: str) -> FeedbackCase:
    """Feedback whose contents (letters, documents, timeline) this person may read; otherwise not found."""
    feedback = feedback_for(user, reference)
    if not reads_contents(user):
        security_log.note_refusal(reference)
        raise NotFound(f"No documents or letters on feedback {reference} that you can see")
    return feedback


def record_cases(user) -> QuerySet[Case]:
    """The cases whose record this person may open: those they may see, and every case for those who
    keep the case records. Keeping a record is no role in its feedback: an administrator without a
    casework role opens the record, and its feedback stays as unseen to them as before."""
    return _cases() if case_fields_for(user) else visible_cases(user)


def case_record_for(user, reference: str) -> Case:
    return _case_among(record_cases(user), reference)


def case_for(user, reference: str) -> Case:
    def build() -> QuerySet[Case]:
        return visible_cases(user).filter(reference=reference)

    return _visible_one(("case_for", visibility_shape(user)), user, build, reference, Case, "case")


def feedback_for(user, reference: str) -> FeedbackCase:
    # Who logged it and who handles it are named on its page and in the API: joined, not read apart.
    def build() -> QuerySet[FeedbackCase]:
        return visible_feedback(user).select_related("received_by", "handling_manager").filter(reference=reference)

    return _visible_one(("feedback_for", visibility_shape(user)), user, build, reference, FeedbackCase, "feedback")


def _visible_one(key: tuple, user, build, reference: str, model, what: str):
    """What `build()` finds by reference among what this person may see, its SQL compiled once a
    process for each shape of what people may see (`visibility_shape`): who they are and their team
    are the values put in it. Not found, as if it were not there, when they may not see it."""
    team = team_of(user)
    found = compiled.rows(key, build, reference=reference, user=user.pk, team=team.pk if team else None)
    return found[0] if found else _not_found(model, what, reference)


def _case_among(cases: QuerySet[Case], reference: str) -> Case:
    try:
        return cases.get(reference=reference)
    except Case.DoesNotExist:
        pass
    return _not_found(Case, "case", reference)


def _not_found(model, what: str, reference: str) -> NoReturn:
    """A refusal to someone who may not see it is logged; either way they are told it is not there."""
    if model.objects.filter(reference=reference).exists():
        security_log.note_refusal(reference)
    raise NotFound(f"No {what} {reference} that you can see")


def letter_for(user, reference: str, letter_id: int) -> Letter:
    """A letter on feedback this person may see. A letter of another feedback case is not found,
    even when its own case is visible: the reference in the address must be the letter's."""
    feedback = contents_for(user, reference)
    try:
        return feedback.letters.select_related("template").get(pk=letter_id)
    except Letter.DoesNotExist:
        raise NotFound(f"No letter {letter_id} on feedback {reference}") from None
