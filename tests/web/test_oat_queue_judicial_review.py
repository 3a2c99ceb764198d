"""OAT's queue shows the date a Judicial Review claim is due on each referral (para 71)."""

from __future__ import annotations

import pytest

from casework.read.judicial_review import review_clock
from tests.services.conftest import AFTER_DEADLINE, ANALYSE, REFER
from tests.web.test_pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.policy("71")
def test_each_referral_waiting_and_taken_shows_its_judicial_review_date(client, considering, walk, at_oat, oat):
    waiting = walk(considering(), ANALYSE, REFER)
    taken = at_oat()

    page = signed_in(client, oat).get("/oat/").content.decode()

    for feedback, table in ((waiting, "waiting"), (taken, "yours")):
        rows = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
        assert "Judicial Review date (para 71)" in rows
        row = rows.split(feedback.reference, 1)[1].split("</tr>", 1)[0]
        assert f"{review_clock(feedback, AFTER_DEADLINE).jr_date:%-d %b %Y}" in row


def test_the_referrals_waiting_come_a_page_at_a_time_longest_wait_first_with_their_total(
    client, considering, walk, oat, monkeypatch
):
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    waiting = [walk(considering(), ANALYSE, REFER) for _ in range(3)]
    oat_client = signed_in(client, oat)

    first = waiting_list(oat_client, "/oat/")
    second = waiting_list(oat_client, "/oat/?waiting_page=2", "</table>")

    assert "3 referrals, 1 to 2 shown" in first
    assert [f.reference in first for f in waiting] == [True, True, False]
    assert 'href="?waiting_page=2"' in first
    assert waiting[2].reference in second and waiting[0].reference not in second


def test_more_referrals_waiting_than_are_counted_say_more_than_and_link_to_the_next_page_not_the_last(
    client, considering, walk, oat, monkeypatch
):
    # Referrals waiting grow with the caseload: counted no further than `COUNTED_AT_MOST`, as the case list is.
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    monkeypatch.setattr("web.pagination.COUNTED_AT_MOST", 3)
    waiting = [walk(considering(), ANALYSE, REFER) for _ in range(5)]
    oat_client = signed_in(client, oat)

    first = waiting_list(oat_client, "/oat/")
    last = waiting_list(oat_client, "/oat/?waiting_page=3")

    assert "More than 3 referrals, 1 to 2 shown" in first
    assert 'href="?waiting_page=2"' in first and "waiting_page=3" not in first
    assert "5 referrals, 5 to 5 shown" in last and waiting[4].reference in last and 'rel="next"' not in last


def waiting_list(oat_client, address: str, ends: str = "</nav>") -> str:
    """The page's list of referrals waiting, up to its page links (or the end of its table)."""
    return oat_client.get(address).content.decode().split('id="waiting"', 1)[1].split(ends, 1)[0]
