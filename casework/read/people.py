"""Finding service users: by name, email or reference, among those a person may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from casework.models import ServiceUser
from casework.models.staff import roles_of
from casework.read.access import SEE_ALL, visible_cases
from casework.read.rows import Matches
from casework.read.search import person_matching, search
from casework.services.errors import NotFound
from casework.services.record_fields import person_fields_for


def visible_people(user) -> QuerySet[ServiceUser]:
    """Everyone, for those who see every case or keep people's records; otherwise the people with a
    case they can see."""
    people = ServiceUser.objects.all()
    if roles_of(user) & SEE_ALL or person_fields_for(user):
        return people
    return people.filter(pk__in=visible_cases(user).values("service_user_id"))


def find(user, query: str) -> Matches:
    """By name, then reference; slice it for the page wanted. Each comes with their representatives
    and, as `seen_cases`, the references of their cases this person may see."""
    query, order = query.strip(), ("name", "reference")
    seen = Prefetch("cases", visible_cases(user).select_related(None).only("reference", "service_user"), to_attr="seen_cases")
    people = visible_people(user).prefetch_related("representatives", seen)
    return search(people, person_matching(query), order) if query else Matches(people.order_by(*order))


def person_for(user, reference: str) -> ServiceUser:
    person = visible_people(user).filter(reference=reference).first()
    if person is None:
        raise NotFound(f"No service user {reference} that you can see")
    return person
