"""My work: the open feedback the caller or their role's queue hold, overdue first (derived from the declaration)."""

# No `from __future__ import annotations`: ninja reads these views' annotations, some through a decorator.

from datetime import date

from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from api.auth import caller
from api.paging import MAX_LIMIT, Pages
from api.schemas import INVALID, UNAUTHORISED, FeedbackSummary
from casework.people import name_of
from casework.read.presenters import feedback_summary
from casework.read.work import WorkItem, my_work

router = Router(tags=["work"])


class WorkItemOut(FeedbackSummary):
    needed: str
    holder: str
    held_by: str | None
    queue: str | None
    waiting_for: str | None
    due_rule: str
    due_date: date | None
    overdue: bool


def render_item(item: WorkItem) -> dict:
    return {
        **feedback_summary(item.feedback),
        "needed": item.needed,
        "holder": item.held.holder.value,
        "held_by": name_of(item.person) if item.person is not None else None,
        "queue": item.queue.value if item.queue else None,
        "waiting_for": item.held.waiting_for.value if item.held.waiting_for else None,
        "due_rule": item.held.period.label,
        "due_date": item.due,
        "overdue": item.overdue,
    }


@router.get("/work", response={200: list[WorkItemOut], **UNAUTHORISED, **INVALID}, operation_id="list_my_work")
@paginate(Pages, max_limit=MAX_LIMIT)
def list_my_work(request):
    """Every open piece of feedback the caller holds, or that waits in the queue of a role they hold, overdue
    first, a page at a time. Derived from each state's declared holder and due rule, so nothing open is on
    nobody's list."""
    return my_work(caller(request), timezone.localdate()).rendered(render_item)
