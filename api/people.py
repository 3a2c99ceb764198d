"""Service users: find one by name, email or reference; register, correct, record who acts for
them (and correct or end it), and merge duplicates (shared services or an administrator; OAT may set para 37's flag)."""

# No `from __future__ import annotations`: ninja reads these views' annotations.

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.idempotency import run_once
from api.paging import MAX_LIMIT, Pages
from api.schemas import (
    CSRF_FAILED,
    INVALID,
    NOT_FOUND,
    UNAUTHORISED,
    EndingIn,
    MergeIn,
    Reference,
    RepresentativeIn,
    RepresentativeOut,
    ServiceUserIn,
    ServiceUserOut,
    Text,
)
from casework.models import ServiceUser
from casework.read import access, people
from casework.read.rows import Rows
from casework.services.service_users import (
    add_representative,
    correct_representative,
    correct_service_user,
    end_representative,
    merge_service_users,
    register_service_user,
)

router = Router(tags=["people"])


@router.get("/people", response={200: list[ServiceUserOut], **UNAUTHORISED, **INVALID}, operation_id="find_people")
@paginate(Pages, max_limit=MAX_LIMIT)
def find_people(request, q: Text = ""):
    """Service users whose name, email or reference contains `q`, by name, a page at a time, for anyone who
    may see every case; a caseworker or manager finds those with a case in their team."""
    user = caller(request)
    return Rows(people.find(user, q), lambda person: render_person(person, user))


@router.get("/people/{reference}", response={200: ServiceUserOut, **UNAUTHORISED, **NOT_FOUND}, operation_id="get_person")
def get_person(request, reference: Reference):
    """One service user: contact details, preferences, flags, who acts for them, and their cases."""
    user = caller(request)
    return render_person(people.person_for(user, reference), user)


@router.post(
    "/people",
    response={201: ServiceUserOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="register_person",
)
def post_person(request, payload: ServiceUserIn, response: HttpResponse):
    """Register a service user. Send an `Idempotency-Key` so that a retry does not register them twice."""
    user = caller(request)

    def act(keep):
        within = (lambda person: keep(render_person(person, user), {})) if keep else None
        person = register_service_user(user, payload.model_dump(exclude_unset=True), timezone.localdate(), within=within)
        return render_person(person, user)

    return Status(201, run_once(request, user, response, ServiceUserOut, act, status=201))


@router.patch(
    "/people/{reference}",
    response={200: ServiceUserOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="correct_person",
)
def patch_person(request, reference: Reference, payload: ServiceUserIn):
    """Correct the fields sent. A flag set here (paras 22, 37) applies at once to every case of theirs."""
    user = caller(request)
    person = correct_service_user(user, reference, payload.model_dump(exclude_unset=True), timezone.localdate())
    return render_person(person, user)


@router.post(
    "/people/{reference}/representatives",
    response={201: RepresentativeOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="add_representative",
)
def post_representative(request, reference: Reference, payload: RepresentativeIn):
    """Record a representative or MP acting for the service user, with the consent for it."""
    values = {name: value for name, value in payload.model_dump().items() if value is not None}
    acting = add_representative(caller(request), reference, values, timezone.localdate())
    return Status(201, render_representative(acting))


@router.patch(
    "/people/{reference}/representatives/{representative_id}",
    response={200: RepresentativeOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="correct_representative",
)
def patch_representative(request, reference: Reference, representative_id: int, payload: RepresentativeIn):
    """Correct the details sent of someone acting for the service user (`id` in their `representatives`);
    audited with what they were. Consent must still say who gave it, when and how."""
    values = payload.model_dump(exclude_unset=True)
    return render_representative(
        correct_representative(caller(request), reference, representative_id, values, timezone.localdate())
    )


@router.post(
    "/people/{reference}/representatives/{representative_id}/end",
    response={200: RepresentativeOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="end_representative",
)
def post_representative_end(request, reference: Reference, representative_id: int, payload: EndingIn):
    """Record the day they stopped acting for the service user. They stay on the record; ending twice is refused."""
    acting = end_representative(caller(request), reference, representative_id, payload.ended_on, timezone.localdate())
    return render_representative(acting)


@router.post(
    "/people/{reference}/merge",
    response={200: ServiceUserOut, **UNAUTHORISED, **CSRF_FAILED, **NOT_FOUND, **INVALID},
    operation_id="merge_people",
)
def merge_people(request, reference: Reference, payload: MergeIn):
    """Merge the `duplicate` record into this one: its cases and representatives move here, a blank
    detail here is filled from it, a flag either holds is kept, and it is removed. Audited."""
    user = caller(request)
    people.person_for(user, reference)
    return render_person(merge_service_users(user, reference, payload.duplicate), user)


def render_representative(acting) -> dict:
    return {name: getattr(acting, "pk" if name == "id" else name) for name in RepresentativeOut.model_fields}


def render_person(person: ServiceUser, user) -> dict:
    """The person, and those of their cases the caller may see."""
    return {
        **{
            name: getattr(person, name)
            for name in ServiceUserOut.model_fields
            if hasattr(person, name) and name != "representatives"
        },
        "behaviour_restricted": person.restricted_on(timezone.localdate()),
        "representatives": [render_representative(acting) for acting in person.representatives.all()],
        "cases": [case.reference for case in person.seen_cases]
        if hasattr(person, "seen_cases")
        else list(access.visible_cases(user).filter(service_user=person).values_list("reference", flat=True)),
    }
