"""The lists of cases and of feedback: search, filters, sorting and paging.

The search is posted, never put in the address: a service user's name stays out of the access logs
and the browser's history. It is kept in the session while the person pages, filters and sorts,
whose links carry only those. Posting an empty search clears it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casework.models import Team
from casework.read import lists
from casework.services.record_fields import case_fields_for
from web.pagination import counted_page_of, how_many, links
from web.views.common import today

QUERY_MAX_LENGTH = 200


def _query(request, key: str) -> str:
    if request.method == "POST":
        request.session[key] = request.POST.get("q", "").strip()[:QUERY_MAX_LENGTH]
    elif "q" in request.GET:  # an address from before the search was posted
        return request.GET["q"].strip()[:QUERY_MAX_LENGTH]
    return request.session.get(key, "")


def _team(request) -> int | None:
    value = request.GET.get("team", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _owner(request, owners: list[tuple[int, str]]) -> int | None:
    """The case owner asked for, if they are one of those offered; anything else is ignored."""
    value = request.GET.get("owner", "")
    chosen = int(value) if value.isdigit() and len(value) < 10 else None
    return chosen if chosen in dict(owners) else None


def _kept(request):
    """The filters and sort, to carry on links and the search form; never the page or a search."""
    kept = request.GET.copy()
    for name in ("page", "q"):
        kept.pop(name, None)
    return kept


@login_required
def case_list(request):
    query = _query(request, "search-cases")
    sort = request.GET.get("sort", "reference")
    status = request.GET.get("status", "")
    owners = lists.owner_choices(request.user)
    owner = _owner(request, owners)
    cases = lists.find_cases(request.user, query, _team(request), status, sort, owner)
    page = counted_page_of(cases, request)
    return render(
        request,
        "web/case_search.html",
        {
            "page": page,
            "cases": page.object_list,
            "paging": links(page, _kept(request)),
            "query": query,
            "total": how_many(page, "case", "cases"),
            "teams": Team.objects.order_by("name"),
            "team": _team(request),
            "owners": owners,
            "owner": owner,
            "statuses": lists.CASE_STATUSES,
            "status": status,
            "sorts": {name: label for name, (label, _) in lists.CASE_SORTS.items()},
            "sort": sort,
            "kept": _kept(request).urlencode(),
            "can_create": bool(case_fields_for(request.user)),
        },
    )


@login_required
def feedback_list(request):
    owners = lists.owner_choices(request.user)
    filters = lists.FeedbackFilters(
        query=_query(request, "search-feedback"),
        kind=request.GET.get("kind", ""),
        state=request.GET.get("state", ""),
        team=_team(request),
        owner=_owner(request, owners),
        overdue=request.GET.get("overdue") == "yes",
        sort=request.GET.get("sort", "newest"),
    )
    now = today()
    page = counted_page_of(lists.find_feedback(request.user, filters, now), request)
    return render(
        request,
        "web/feedback_list.html",
        {
            "page": page,
            "rows": lists.rows(list(page.object_list), now),
            "paging": links(page, _kept(request)),
            "filters": filters,
            "total": how_many(page, "piece of feedback", "pieces of feedback"),
            "teams": Team.objects.order_by("name"),
            "owners": owners,
            "kinds": lists.kind_choices(),
            "states": lists.state_choices(),
            "sorts": {name: label for name, (label, _) in lists.FEEDBACK_SORTS.items()},
            "kept": _kept(request).urlencode(),
        },
    )
