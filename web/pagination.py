"""GOV.UK pagination for a list: the page asked for, and links to the others that keep the filters.

The links carry only the page and the filters (never a search: see `web.views.lists`). A list that
grows with the caseload is counted only so far (`counted_page_of`): past that, the page says "more
than 1,000" and its links end with the next page, not the last."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.functional import cached_property

from casework.read.rows import COUNTED_AT_MOST, count_up_to

PAGE_SIZE = 50


class CountedPaginator(Paginator):
    """Counts no further than `bound` rows: `more` says there are more than that."""

    def __init__(self, object_list, per_page: int, bound: int):
        super().__init__(object_list, per_page)
        self.bound = bound
        self.bound_label = f"{bound:,}"

    @cached_property
    def count(self) -> int:
        return count_up_to(self.object_list, self.bound + 1)

    @property
    def more(self) -> bool:
        return self.count > self.bound


def page_of(found, request, key: str = "page") -> Page:
    """The page asked for under `key`: a page with several lists pages each under a key of its own."""
    return Paginator(found, PAGE_SIZE).get_page(request.GET.get(key))


def counted_page_of(found, request, key: str = "page") -> Page:
    """The page asked for under `key`, counting the list up to `COUNTED_AT_MOST` rows or just past that page."""
    value = request.GET.get(key, "")
    number = int(value) if value.isdigit() and len(value) < 7 else 1
    paginator = CountedPaginator(found, PAGE_SIZE, max(COUNTED_AT_MOST, number * PAGE_SIZE))
    return paginator.get_page(number)


def how_many(page: Page, one: str, many: str) -> str:
    """ "1 case", "5 cases", or "More than 1,000 cases" where the count stopped."""
    paginator = page.paginator
    if getattr(paginator, "more", False):
        return f"More than {paginator.bound_label} {many}"
    return f"{paginator.count:,} {one if paginator.count == 1 else many}"


def paged(found, request, counted: bool = False) -> dict:
    """A page's context for one list: the page asked for, and the links to the others; `counted` up to
    `COUNTED_AT_MOST` rows for a list that grows with the caseload."""
    page = counted_page_of(found, request) if counted else page_of(found, request)
    return {"page": page, "paging": links(page, request.GET)}


def links(page: Page, params: QueryDict, key: str = "page") -> dict:
    """Previous, next and the numbered pages around the current one, with ellipses between. Where the
    count stopped short, the last page is unknown: an ellipsis follows the next page instead."""

    def url(number: int) -> str:
        kept = params.copy()
        kept[key] = str(number)
        return "?" + kept.urlencode()

    last, current = page.paginator.num_pages, page.number
    more = getattr(page.paginator, "more", False)
    shown = sorted(({current - 1, current, current + 1} | ({1} if more else {1, last})) & set(range(1, last + 1)))
    numbered: list[dict] = []
    for number in shown:
        if numbered and number > numbered[-1]["number"] + 1:
            numbered.append({"ellipsis": True, "number": number - 1})
        numbered.append({"number": number, "url": url(number), "current": number == current})
    if more:
        numbered.append({"ellipsis": True, "number": shown[-1] + 1})
    return {
        "previous": url(current - 1) if page.has_previous() else "",
        "next": url(current + 1) if page.has_next() else "",
        "pages": numbered if last > 1 else [],
    }


@dataclass(frozen=True)
class Window:
    """One page of a list that is not counted: whether there is a page before and after, from one row more."""

    number: int
    object_list: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def window_of(found, request, size: int = PAGE_SIZE, key: str = "page") -> Window:
    """The page asked for under `key` (the first, for anything but a page number), read with one row more
    than it shows and never counted: counting a list costs what it holds, a page only what it shows."""
    asked = request.GET.get(key, "")
    number = int(asked) if asked.isdigit() and 0 < len(asked) < 7 and int(asked) > 0 else 1
    rows = list(found[(number - 1) * size : number * size + 1])
    return Window(number, rows[:size], len(rows) > size)
