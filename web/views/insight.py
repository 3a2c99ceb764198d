"""The insight page, its charts and its CSV downloads, for managers and those who oversee (paras 4,
19, 55, 56, 71, Annex A). Filters come by GET, so a view of the figures can be bookmarked and shared."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from casework.models import Team
from casework.people import name_of
from casework.read.access import named_by_visible_cases
from casework.read.insight import KINDS, Insight, InsightFilter, Table, insight_for, may_see_insight
from policy.calendar import add_months
from web.charts import Series, bar_chart
from web.forms import GovukDateField
from web.views.common import summary_errors, today

FIELDS = ("start", "end", "team", "case_owner")
SECTIONS = (
    ("Feedback received", "", ("volumes",)),
    (
        "Outcomes",
        "What was decided on complaints: each ground of a review separately, and what OAT did with referrals.",
        ("findings-by-ground", "upheld-rates", "oat-outcomes", "after-upheld"),
    ),
    ("How long it takes", "", ("durations",)),
    ("Work open now", "", ("open-work", "open-tasks")),
    ("Judicial Review", "", ("late-reviews",)),
    ("Remedies", "", ("remedies", "financial-redress")),
    (
        "Learning",
        "Learning points and good practice from complaints and reviews (paras 19, 55, 56, Annex A).",
        ("learning-by-commitment", "learning-by-section", "learning-by-team"),
    ),
)


@dataclass(frozen=True)
class Chart:
    columns: tuple[str, ...]  # which columns are drawn; the table below shows them all
    vertical: bool = False
    total_row: str = ""  # a row that sums the others: drawn, it would dwarf them


CHARTS = {
    "volumes": Chart(tuple(label for _, label in KINDS), vertical=True),
    "findings-by-ground": Chart(("Upheld", "Not upheld")),
    "upheld-rates": Chart(("Upheld rate",)),
    "oat-outcomes": Chart(("Referrals",)),
    "after-upheld": Chart(("Reviews",)),
    "durations": Chart(("Median", "90th percentile")),
    "open-work": Chart(("Feedback open", "Tasks open", "Tasks overdue")),
    "open-tasks": Chart(("Open", "Overdue")),
    "late-reviews": Chart(("Reviews",)),
    "remedies": Chart(("Remedies",)),
    "financial-redress": Chart(("Total",), total_row="All levels"),
    "learning-by-commitment": Chart(("Total",)),
    "learning-by-section": Chart(("Total",)),
    "learning-by-team": Chart(("Total", "Fed back to the line manager")),
}
UNIT_SUFFIX = {"days": " (days)", "pounds": " (£)", "percent": " (%)"}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return name_of(obj)


class InsightFilterForm(forms.Form):
    start = GovukDateField("The start of the period")
    end = GovukDateField("The end of the period")
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, error_messages={"invalid_choice": "Select a team from the list"}
    )
    case_owner = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a case owner from the list"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(named_by_visible_cases(user, "team_id")).order_by("name")
        self.fields["case_owner"].queryset = (
            get_user_model()
            .objects.filter(named_by_visible_cases(user, "case_owner_id"))
            .order_by("first_name", "last_name", "username")
        )

    def clean(self):
        data = super().clean()
        for name, missing in (("start", "Enter the start of the period"), ("end", "Enter the end of the period")):
            if name not in self.errors and data.get(name) is None:
                self.add_error(name, missing)
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be the same as or after the start")
        return data


def default_period(now: date) -> tuple[date, date]:
    """The 12 months to today: from the first day of the month 11 months ago, so every month is whole but this one."""
    return add_months(now, -11).replace(day=1), now


def _filters(request) -> tuple[InsightFilterForm, InsightFilter | None]:
    if not any(key in request.GET for key in ("start_day", "start_month", "start_year", "end_day", "end_month", "end_year")):
        start, end = default_period(today())
        data = {"start_day": start.day, "start_month": start.month, "start_year": start.year}
        data |= {"end_day": end.day, "end_month": end.month, "end_year": end.year}
        data |= {key: request.GET[key] for key in ("team", "case_owner") if key in request.GET}
    else:
        data = request.GET
    form = InsightFilterForm(request.user, data)
    if not form.is_valid():
        return form, None
    team, owner = form.cleaned_data["team"], form.cleaned_data["case_owner"]
    return form, InsightFilter(
        form.cleaned_data["start"], form.cleaned_data["end"], team.pk if team else None, owner.pk if owner else None
    )


def _query(filters: InsightFilter) -> str:
    query = {}
    for name in ("start", "end"):
        day = getattr(filters, name)
        query |= {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}
    if filters.team_id:
        query["team"] = filters.team_id
    if filters.case_owner_id:
        query["case_owner"] = filters.case_owner_id
    return urlencode(query)


def _allowed(request) -> None:
    if not may_see_insight(request.user):
        raise Http404("Insight is for managers, OAT, Legal, the Ombudsman and leaders")


def heading(column) -> str:
    return column.heading + UNIT_SUFFIX.get(column.unit, "")


def figure(table: Table, query: str) -> dict:
    """A table as the page shows it: its chart, its headings and cells as people read them, its CSV."""
    chart = CHARTS[table.slug]
    drawn = [(i, column) for i, column in enumerate(table.columns) if column.heading in chart.columns]
    rows = [row for row in table.rows if row.label != chart.total_row]
    labels = [row.label for row in rows]
    if chart.vertical:  # "November 2026" becomes "Nov 2026", two short lines under an upright bar
        labels = [label[:3] + label[label.index(" ") :] for label in labels]
    series = [Series(column.heading, tuple(row.values[i] for row in rows)) for i, column in drawn]
    return {
        "table": table,
        "headings": [heading(column) for column in table.columns],
        "rows": [
            (row.label, [_cell(value, column.unit) for value, column in zip(row.values, table.columns, strict=True)])
            for row in table.rows
        ],
        "chart": bar_chart(f"chart-{table.slug}", table.title, labels, series, vertical=chart.vertical, unit=drawn[0][1].unit)
        if table.rows
        else "",
        "csv": f"{reverse('insight-csv', args=[table.slug])}?{query}",
    }


def _cell(value, unit: str) -> str:
    """In the table the heading gives the unit, so a cell is just the number."""
    if value is None:
        return "No data"
    return f"{value:,.2f}" if unit == "pounds" else f"{value:,}"


@login_required
@require_safe
def insight_page(request):
    _allowed(request)
    form, filters = _filters(request)
    context = {
        "form": form,
        "errors": summary_errors(form, field_names=FIELDS),
        "date_inputs": _date_inputs(form),
        "selects": _selects(form),
    }
    if filters is not None:
        insight = insight_for(request.user, filters, today())
        query = _query(filters)
        context |= {
            "filters": filters,
            "team": form.cleaned_data["team"],
            "case_owner": form.cleaned_data["case_owner"],
            "export": f"{reverse('insight-export')}?{query}",
            "sections": [
                {
                    "heading": title,
                    "intro": intro,
                    "figures": [figure(insight.table(slug), query) for slug in slugs],
                }
                for title, intro, slugs in SECTIONS
            ],
        }
    return render(request, "web/insight.html", context)


def _date_inputs(form: InsightFilterForm) -> list[dict]:
    """The GOV.UK date inputs, their day, month and year boxes as typed (or as defaulted)."""
    hints = {"start": "For example, 1 4 2026", "end": "For example, 31 3 2027"}
    return [
        {
            "name": name,
            "legend": form.fields[name].label_text.removeprefix("The ").capitalize(),
            "hint": hints[name],
            "error": _error(form, name),
            "boxes": [
                (part, label, width, str(form.data.get(f"{name}_{part}", "")))
                for part, label, width in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
            ],
        }
        for name in ("start", "end")
    ]


def _selects(form: InsightFilterForm) -> list[dict]:
    selects = []
    for name, label, everyone in (("team", "Team", "All teams"), ("case_owner", "Case owner", "All case owners")):
        field = form.fields[name]
        selects.append(
            {
                "name": name,
                "label": label,
                "error": _error(form, name),
                "value": str(form.data.get(name, "")),
                "options": [("", everyone), *((str(item.pk), field.label_from_instance(item)) for item in field.queryset)],
            }
        )
    return selects


def _error(form: InsightFilterForm, name: str) -> str:
    return form.errors[name][0] if name in form.errors else ""


# --- CSV ------------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): text starting =, +, - or @ gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_response(filename: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the byte order mark tells spreadsheets the file is UTF-8 (for £ and names)
    return response, csv.writer(response)


def _period(filters: InsightFilter) -> str:
    return f"{filters.start:%Y-%m-%d}-to-{filters.end:%Y-%m-%d}"


def _figures(request) -> tuple[InsightFilter, Insight] | HttpResponse:
    """The figures the filters ask for, or a plain 400 saying what is wrong with them."""
    _allowed(request)
    form, filters = _filters(request)
    if filters is None:
        problems = "; ".join(str(message) for errors in form.errors.values() for message in errors)
        return HttpResponseBadRequest(f"Check the filters: {problems}", content_type="text/plain; charset=utf-8")
    return filters, insight_for(request.user, filters, today())


@login_required
@require_safe
def insight_csv(request, slug: str):
    found = _figures(request)
    if isinstance(found, HttpResponse):
        return found
    filters, insight = found
    try:
        table = insight.table(slug)
    except KeyError:
        raise Http404(f"No table {slug}") from None
    response, writer = _csv_response(f"{slug}-{_period(filters)}.csv")
    writer.writerow([safe_cell(table.label_heading), *(safe_cell(heading(column)) for column in table.columns)])
    for row in table.rows:
        writer.writerow([safe_cell(row.label), *(safe_cell(value) for value in row.values)])
    return response


@login_required
@require_safe
def insight_export(request):
    """Every table in one long CSV (table, row, column, value): easy to filter and pivot in a spreadsheet."""
    found = _figures(request)
    if isinstance(found, HttpResponse):
        return found
    filters, insight = found
    response, writer = _csv_response(f"insight-{_period(filters)}.csv")
    writer.writerow(["Table", "Row", "Column", "Value"])
    for table in insight.tables:
        for row in table.rows:
            for column, value in zip(table.columns, row.values, strict=True):
                writer.writerow([safe_cell(table.title), safe_cell(row.label), safe_cell(heading(column)), safe_cell(value)])
    return response
