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
