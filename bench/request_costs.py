"""What each kind of request in bench/load.py's mix costs the app: queries and CPU, one process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_copy .venv/bin/python bench/request_costs.py [--runs 20] [--sql]

DATABASE_URL names a database filled by bench/pages.py or bench/insight.py (the generated staff),
and it is written to (feedback is logged and acted on, security events kept): use a copy. With
production settings (DEBUG off), through the Django test client, it sends each kind of request of
load.py's mix (the same people, the same pages, the same API calls) once cold and then `--runs`
times, and reports for each the queries it made and the CPU time of this process (`process_time`:
the app's work, without the database server's), which the machine's other work sways less than
the wall clock. `--sql` also prints each query of a trivial signed-in page and of an API read.
Writes bench/results/request_costs.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "request_costs.json"
sys.path.insert(0, str(ROOT / "bench"))

import insight as filling  # noqa: E402 - production settings and a signed-in test client
import machine  # noqa: E402 - the header every benchmark's results start with


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="measured requests of each kind after the cold one (default 20)")
    parser.add_argument("--sql", action="store_true", help="print the queries of a trivial page and an API read")
    args = parser.parse_args()
    load_before = os.getloadavg()
    filling._configure_django(os.environ["DATABASE_URL"])
    figures = _measure(args.runs, args.sql)
    result = {**machine.header(load_before), "runs": args.runs, "requests": figures}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nload average {result['machine']['load_average_before']} before, {result['machine']['load_average_after']} after")
    print(f"{'request':<28} {'queries':>8} {'CPU ms median':>14} {'CPU ms mean':>12} {'wall ms median':>15}")
    for name, row in figures.items():
        print(f"{name:<28} {row['queries']:>8} {row['cpu_ms_median']:>14} {row['cpu_ms_mean']:>12} {row['wall_ms_median']:>15}")


def _measure(runs: int, show_sql: bool) -> dict:
    from django.contrib.auth.models import User

    from casework.models import ApiToken, Case

    caseworker = User.objects.get(username="gen-cw-1-1")
    manager = caseworker.profile.line_manager
    oat = User.objects.get(username="gen-oat-1")
    cases = Case.objects.filter(case_owner=caseworker).order_by("-id")
    # The case and feedback read stay as they are: feedback is logged on another case.
    case, logged_on = cases.first().reference, cases.last().reference
    feedback = cases.filter(feedback__isnull=False).order_by("feedback__id").values_list("feedback__reference", flat=True)[0]
    people = {
        person.pk: (filling.signed_in(person), ApiToken.issue(person, "Benchmark", days=1)[1])
        for person in (caseworker, manager, oat)
    }

    def page(person, url):
        client, _ = people[person.pk]
        return lambda: _ok(client.get(url), url)

    def api(person, url):
        client, token = people[person.pk]
        return lambda: _ok(client.get(url, headers={"Authorization": f"Bearer {token}"}), url)

    def log_feedback():
        client, token = people[caseworker.pk]
        complaint = {"kind": "service_complaint", "received_date": date.today().isoformat(), "channel": "email"}
        complaint["summary"] = "Nobody called me back"
        url = f"/api/v1/cases/{logged_on}/feedback"
        response = client.post(url, complaint, content_type="application/json", headers={"Authorization": f"Bearer {token}"})
        return _ok(response, url, 201).json()["reference"]

    def action_path():
        """Five actions on fresh feedback, each timed; logging it is not."""
        reference = log_feedback()
        client, token = people[manager.pk]
        for name, inputs in machine.SERVICE_PATH:
            url = f"/api/v1/feedback/{reference}/actions/{name}"
            yield lambda url=url, inputs=inputs: _ok(
                client.post(url, inputs, content_type="application/json", headers={"Authorization": f"Bearer {token}"}), url
            )

    kinds = {
        "page: My work": page(caseworker, "/"),
        "page: case list": page(caseworker, "/cases/"),
        "page: a case": page(caseworker, f"/cases/{case}/"),
        "page: feedback": page(caseworker, f"/feedback/{feedback}/"),
        "api: work": api(caseworker, "/api/v1/work"),
        "api: cases": api(caseworker, "/api/v1/cases"),
        "page: OAT's queue": page(oat, "/oat/"),
        "api: OAT's referrals": api(oat, "/api/v1/oat/referrals"),
        "page: insight": page(oat, "/insight/"),
        "page: notifications": page(caseworker, "/notifications/"),
        "api: log feedback": log_feedback,
    }
    figures = {name: _costs([send] * (runs + 1)) for name, send in kinds.items()}
    figures["api: an action"] = _costs([send for _ in range(max(1, runs // 5) + 1) for send in action_path()])
    if show_sql:
        for name, send in (("page: notifications", kinds["page: notifications"]), ("api: work", kinds["api: work"])):
            print(f"\n== {name}")
            for query in _queries(send):
                print(f"  {query['sql'][:300]}")
    return figures


def _ok(response, url: str, status: int = 200):
    if response.status_code != status:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return response


def _queries(send) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        send()
    return captured.captured_queries


def _costs(sends: list) -> dict:
    """The first request is cold and not counted; then CPU and wall time of each, and each one's
    queries (counted by a wrapper, which costs far less than capturing them)."""
    from django.db import connection

    cpu, wall, queries = [], [], []
    counted = [0]

    def count(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    for number, send in enumerate(sends):
        counted[0] = 0
        with connection.execute_wrapper(count):
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            send()
            cpu_end, wall_end = time.process_time(), time.perf_counter()
        if number:
            cpu.append(cpu_end - cpu_start)
            wall.append(wall_end - wall_start)
            queries.append(counted[0])
    return {
        "queries": round(statistics.mean(queries), 1),
        "cpu_ms_median": round(1000 * statistics.median(cpu), 1),
        "cpu_ms_mean": round(1000 * statistics.mean(cpu), 1),
        "wall_ms_median": round(1000 * statistics.median(wall), 1),
    }


if __name__ == "__main__":
    main()
