"""The insight page, its CSV downloads and the learning feedback view, through Django's test client,
over the hand-built data set of tests/services/test_insight.py (whose answers are worked out there).
Paragraphs are those of the Review and feedback Guidance 12.0."""

import csv
import html as markup
import io
import re
from datetime import date

import pytest

from casework.models.staff import StaffProfile
from policy.facts import Role
from tests.conftest import TODAY, make_person
from tests.services.test_insight import build_data, build_people
from web.views import insight as insight_views

PASSWORD = "a-long-test-password"
PERIOD = {"start_day": 1, "start_month": 1, "start_year": 2026, "end_day": 30, "end_month": 11, "end_year": 2026}


@pytest.fixture
def people(team_a, team_b, manager, caseworker, oat):
    return build_people(team_a, team_b, manager, caseworker, oat)


@pytest.fixture
def data(people, make_case):
    """The hand-built data set whose answers tests/services/test_insight.py works out."""
    return build_data(people, make_case)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(insight_views, "today", lambda: TODAY)


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a byte order mark, so spreadsheets read the file as UTF-8"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The header and body cells of one figure's table, as text."""
    block = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [
        [markup.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S)
    ]


def options(html: str, name: str) -> list[str]:
    block = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r"<option [^>]*>(.*?)</option>", block)


# --- who may see it ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.SHARED_SERVICES, Role.JOINT_WORKING])
def test_insight_is_not_found_for_caseworkers_shared_services_and_joint_working(client, team_a, role):
    person = make_person("pat", role, team_a)
    signed_in(client, person)
    for url in ("/insight/", "/insight/volumes.csv", "/insight/export.csv"):
        assert client.get(url, PERIOD).status_code == 404
    assert "Insight" not in client.get("/").content.decode()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.OAT, Role.LEGAL, Role.OMBUDSMAN, Role.DIRECTOR, Role.CHIEF_EXECUTIVE])
def test_insight_is_for_managers_oat_legal_the_ombudsman_and_leaders(client, team_a, role):
    signed_in(client, make_person("pat", role, team_a))
    page = client.get("/insight/")
    assert page.status_code == 200
    assert '<a class="govuk-service-navigation__link" href="/insight/" aria-current="page"' in page.content.decode()


def test_the_learning_view_is_for_managers_only(client, people):
    signed_in(client, people["olive"])
    assert client.get("/learning/").status_code == 404
    signed_in(client, people["cara"])
    assert client.get("/learning/").status_code == 404


# --- the page ------------------------------------------------------------------------------------


def test_the_page_shows_every_figure_as_a_chart_over_a_table_with_a_csv_link(client, data, people):
    html = signed_in(client, people["olive"]).get("/insight/", PERIOD).content.decode()
    slugs = [
        table.slug
        for table in insight_views.insight_for(
            people["olive"], insight_views.InsightFilter(date(2026, 1, 1), TODAY), TODAY
        ).tables
    ]
    assert html.count('role="img"') == len(slugs) == 14
    for slug in slugs:
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in html
        assert f"/insight/{slug}.csv?start_day=1&amp;start_month=1&amp;start_year=2026&amp;end_day=30" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'Download CSV<span class="govuk-visually-hidden"> of Feedback received each month</span>' in html
    assert "nearest-rank" in html  # the page says how medians are worked out


def test_the_tables_show_the_hand_worked_numbers(client, data, people):
    html = signed_in(client, people["olive"]).get("/insight/", PERIOD).content.decode()
    assert (
        table_rows(html, "upheld-rates")[1:]
        == [
            ["Complaints", "Decided", "Upheld", "Not upheld", "Upheld rate (%)"],
            ["Complaints about our service", "2", "1", "1", "50.0"],
            ["Complaints about our decision", "5", "4", "1", "80.0"],
            ["All complaints", "7", "5", "2", "71.4"],
        ][1:]
    )
    assert table_rows(html, "financial-redress")[-1] == ["All levels", "5", "2,900.00"]
    assert table_rows(html, "durations")[1] == ["Received to OAT's review decision", "5", "42", "101"]
    assert table_rows(html, "late-reviews")[1:] == [
        ["Decided more than three months after they were asked for", "2"],
        ["Not decided, and more than three months have passed", "1"],
    ]
    assert table_rows(html, "learning-by-team")[0] == [
        "Team",
        "Individual",
        "Organisational",
        "Good practice",
        "Total",
        "Fed back to the line manager",
    ]


def test_a_manager_sees_only_their_team_in_the_figures_and_the_filters(client, data, people):
    html = signed_in(client, people["manny"]).get("/insight/", PERIOD).content.decode()
    assert table_rows(html, "learning-by-team")[1:] == [["Team A", "2", "1", "1", "4", "2"]]
    assert options(html, "team") == ["All teams", "Team A"]
    assert options(html, "case_owner") == ["All case owners", "Cara", "Dan"]
    refused = client.get("/insight/", {**PERIOD, "team": people["team_b"].pk})
    assert "Select a team from the list" in refused.content.decode()


def test_filters_by_team_and_case_owner_are_offered_and_applied(client, data, people):
    signed_in(client, people["olive"])
    html = client.get("/insight/", {**PERIOD, "case_owner": people["dan"].pk}).content.decode()
    assert "cases owned by Dan" in html
    assert table_rows(html, "learning-by-commitment")[1:] == [
        ["5. We will listen to you to make sure we understand your complaint", "0", "0", "1", "1"]
    ]
    html = client.get("/insight/", {**PERIOD, "team": people["team_b"].pk}).content.decode()
    assert table_rows(html, "learning-by-team")[1:] == [["Team B", "1", "0", "0", "1", "1"]]


def test_the_period_defaults_to_the_twelve_months_to_today(client, people):
    html = signed_in(client, people["olive"]).get("/insight/").content.decode()
    assert "from 1 December 2025 to 27 November 2026" in html
    assert 'name="start_day" type="text" inputmode="numeric" value="1"' in html
    assert 'name="end_year" type="text" inputmode="numeric" value="2026"' in html


@pytest.mark.parametrize(
    ("query", "message", "anchor"),
    [
        ({**PERIOD, "end_year": 2025}, "The end of the period must be the same as or after the start", "field-end"),
        ({**PERIOD, "start_day": 31, "start_month": 2}, "The start of the period must be a real date", "field-start"),
        ({**PERIOD, "start_day": "", "start_month": "", "start_year": ""}, "Enter the start of the period", "field-start"),
        ({**PERIOD, "end_month": ""}, "The end of the period must include a month", "field-end"),
        ({**PERIOD, "case_owner": "999999"}, "Select a case owner from the list", "field-case_owner"),
    ],
)
def test_bad_filters_are_shown_in_the_error_summary_and_no_figures(client, people, query, message, anchor):
    response = signed_in(client, people["olive"]).get("/insight/", query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and f'<a href="#{anchor}">{message}</a>' in html
    assert "<title>Error: Insight" in html
    assert f'id="{anchor}-error"' in html or anchor == "field-case_owner" and 'id="field-case_owner-error"' in html
    assert 'role="img"' not in html
    assert client.get("/insight/volumes.csv", query).status_code == 400


# --- CSV -----------------------------------------------------------------------------------------


def test_each_table_downloads_as_csv_with_its_headings_and_rows(client, data, people):
    response = signed_in(client, people["olive"]).get("/insight/financial-redress.csv", PERIOD)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="financial-redress-2026-01-01-to-2026-11-30.csv"'
    assert rows_of(response) == [
        ["Severity of injustice", "Payments", "Total (£)"],
        ["Level 1: Minor", "1", "100.00"],
        ["Level 2: Moderate", "2", "750.00"],
        ["Level 3: Significant", "1", "2000.00"],
        ["Level 4: Serious", "0", "0.00"],
        ["Level 5: Severe", "0", "0.00"],
        ["Level 6: Most severe", "0", "0.00"],
        ["No level recorded", "1", "50.00"],
        ["All levels", "5", "2900.00"],
    ]
    durations = rows_of(client.get("/insight/durations.csv", PERIOD))
    assert durations[0] == ["Stage", "Number", "Median (days)", "90th percentile (days)"]
    assert client.get("/insight/no-such-table.csv", PERIOD).status_code == 404


def test_the_export_has_every_table_in_one_long_csv(client, data, people):
    rows = rows_of(signed_in(client, people["olive"]).get("/insight/export.csv", PERIOD))
    assert rows[0] == ["Table", "Row", "Column", "Value"]
    assert ["Feedback received each month", "February 2026", "Complaints about our decision", "2"] in rows
    assert ["How many complaints were upheld", "All complaints", "Upheld rate (%)", "71.4"] in rows
    assert ["Learning points by team", "Team B", "Fed back to the line manager", "1"] in rows
    assert {len(row) for row in rows} == {4}
    assert len({row[0] for row in rows[1:]}) == 14


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted(client, data, people):
    """CSV injection: a Service Model section typed as a formula is written as text."""
    from casework.models import LearningPoint, ServiceModelSection

    for reference, name in (("B1", '=HYPERLINK("http://evil","x")'), ("F3", "@SUM(1+1)")):
        section = ServiceModelSection.objects.create(name=name)  # an administrator may type anything
        LearningPoint.objects.filter(feedback_case__reference=reference).update(service_model_section=section)
    rows = rows_of(signed_in(client, people["olive"]).get("/insight/learning-by-section.csv", PERIOD))
    labels = [row[0] for row in rows]
    assert '\'=HYPERLINK("http://evil","x")' in labels and "'@SUM(1+1)" in labels
    for cell in ("+1", "-1", "@x", "=x", "\tx", "plain", ""):
        assert insight_views.safe_cell(cell) == (("'" + cell) if cell[:1] in "+-@=\t" and cell else cell)
    assert insight_views.safe_cell(None) == "" and insight_views.safe_cell(12) == "12"


# --- the learning feedback view --------------------------------------------------------------------


def test_a_line_manager_sees_the_learning_about_their_people_newest_first(client, data, people):
    html = signed_in(client, people["manny"]).get("/learning/").content.decode()
    rows = table_rows(html, "learning")[1:]
    # F1 (2 May), F3 (22 April), D1 (10 April), S1 (20 February), O1 (5 January): all Cara's and Dan's
    assert [row[2].split(" on ")[0] for row in rows] == ["F1", "F3", "D1", "S1", "O1"]
    assert rows[0][1] == "Cara" and rows[2][1] == "Dan"
    assert rows[0][5:] == [
        "Section 2 Contacting the complainant (para 2.140)",
        "5. We will listen to you to make sure we understand your complaint",
        "Fed back to Manny on 2 May 2026",
    ]
    assert rows[3][7] == "Not recorded as fed back Shared with: The line manager"
    assert "Learning from B1" not in html  # Otto is Bea's


def test_a_learning_point_on_a_case_the_manager_cannot_open_is_shown_without_a_link(client, data, people):
    """Dan moves to Team B but Manny still line manages him: Manny hears the learning, and cannot open the case."""
    from casework.models import Case

    Case.objects.filter(feedback__reference="D1").update(team=people["team_b"])
    StaffProfile.objects.filter(user=people["dan"]).update(team=people["team_b"])
    html = signed_in(client, people["manny"]).get("/learning/").content.decode()
    assert 'href="/feedback/F1/"' in html
    assert "D1 on" in html and 'href="/feedback/D1/"' not in html


def test_the_learning_comes_a_page_at_a_time_with_a_link_to_the_next_while_there_is_one(client, data, people, monkeypatch):
    from web.views import learning

    monkeypatch.setattr(learning, "PER_PAGE", 2)
    manny = signed_in(client, people["manny"])
    pages = [table_rows(manny.get("/learning/", {"page": number}).content.decode(), "learning")[1:] for number in (1, 2, 3)]
    assert [[row[2].split(" on ")[0] for row in rows] for rows in pages] == [["F1", "F3"], ["D1", "S1"], ["O1"]]
    first, last = manny.get("/learning/").content.decode(), manny.get("/learning/?page=3").content.decode()
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="?page=2" rel="prev"' in last and 'rel="next"' not in last
    for wrong in ("0", "abc", "-1", "99999999999"):
        assert table_rows(manny.get("/learning/", {"page": wrong}).content.decode(), "learning")[1][2].startswith("F1")
    assert "no more learning points" in manny.get("/learning/?page=9").content.decode()
