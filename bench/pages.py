"""Whether the pages people wait on stay as quick as the caseload grows, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/pages.py \\
        [--sizes 10000 300000] [--cases 1000000] [--pages "Case list" "API: cases"] [--results PATH]

For each size it fills a database of its own (`--prefix` and the size: redress_pages_10000, ...)
once with `casework.generator`, as bench/insight.py does (the same generator, teams and years).
`--cases 1000000` then pads the largest size's database with plain case records, with no feedback
(an INSERT ... SELECT copying generated cases' people and organisations), until it holds a million
cases: most cases are never complained about. Then, in a process of its own with production
settings (DEBUG off), times each page through the Django test client: My work and the team view (a
caseworker and their manager, all of the manager's work and one member's), the case list and a
search, the feedback list, a case, a piece of feedback with a long history, OAT's queue, the Legal
Team's requests, approvals, learning, insight (OAT and a manager), and the API's lists (`--pages`
names some of them). Each page is fetched once cold and then `--runs` times; the median and the
95th percentile are reported with the page's queries. It prints each page's times at each size and
the ratio of the largest size's to the smallest's, and writes bench/results/pages.json (or
`--results`). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "pages.json"
sys.path.insert(0, str(ROOT / "bench"))

import insight as filling  # noqa: E402 - the insight benchmark's database and generator steps
import machine  # noqa: E402 - the header every benchmark's results start with


def main() -> None:
    args = _arguments()
    if args.worker:
        print(json.dumps(_measure(args)))
        return
    server = os.environ.get("DATABASE_URL", "")
    if urlsplit(server).scheme not in filling.POSTGRES_SCHEMES:
        sys.exit("bench/pages.py runs on PostgreSQL only: set DATABASE_URL=postgres://user@host:5432/postgres")
    load_before = os.getloadavg()
    sizes = {}
    for size in args.sizes:
        url = filling._ensure_database(server, f"{args.prefix}{size}", fresh=False)
        print(f"== {size:,} feedback cases", flush=True)
        command = [
            sys.executable,
            __file__,
            "--worker",
            url,
            "--sizes",
            str(size),
            "--runs",
            str(args.runs),
            "--prefix",
            args.prefix,
            *(["--pages", *args.pages] if args.pages else []),
        ]
        if args.cases and size == max(args.sizes):
            command += ["--cases", str(args.cases)]
        finished = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603 - our own script
        sizes[size] = json.loads(finished.stdout.strip().splitlines()[-1])
    smallest, largest = sizes[min(sizes)], sizes[max(sizes)]
    ratios = {
        page: round(largest["pages"][page]["p95_seconds"] / smallest["pages"][page]["p95_seconds"], 2)
        for page in smallest["pages"]
        if page in largest["pages"]
    }
    result = {
        **machine.header(load_before),
        "runs": args.runs,
        "sizes": {str(size): figures for size, figures in sizes.items()},
        "p95_ratio_largest_to_smallest": ratios,
    }
    Path(args.results).write_text(json.dumps(result, indent=2) + "\n")
    _print(result, sizes)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 300_000], help="feedback cases (default 10000 300000)")
    parser.add_argument("--runs", type=int, default=20, help="timed fetches of each page after the cold one (default 20)")
    parser.add_argument("--prefix", default="redress_pages_", help="databases are named this and the size")
    parser.add_argument(
        "--cases", type=int, default=0, help="pad the largest size's database with plain cases (no feedback) to this many"
    )
    parser.add_argument("--pages", nargs="+", default=[], help="time only the pages whose names contain one of these")
    parser.add_argument(
        "--results", default=str(RESULTS), help=f"where to write the figures (default {RESULTS.relative_to(ROOT)})"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the database URL, in the child process
    return parser.parse_args()


# --- in the child process ----------------------------------------------------------------------


def _measure(args: argparse.Namespace) -> dict:
    filling._configure_django(args.worker)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    (size,) = args.sizes
    fill = argparse.Namespace(feedback=size, years=5, teams=10, seed=1, database=f"{args.prefix}{size}")
    data = filling._ensure_data(fill, args.worker)
    if args.cases:
        _pad_cases(args.cases)
        data["rows"] = filling._row_counts()
    return {"rows": data["rows"], "generation": data["generation"], "pages": _time_pages(args.runs, args.pages)}


def _pad_cases(total: int) -> None:
    """Plain case records, with no feedback, until the database holds `total` cases: most cases PHSO
    handled are never complained about again. Each copies a generated case's people and organisation,
    under a reference of its own (PAD-...), in one INSERT ... SELECT."""
    from django.db import connection

    from casework.models import Case

    missing = total - Case.objects.count()
    if missing <= 0:
        return
    print(f"Adding {missing:,} plain cases", file=sys.stderr, flush=True)
    columns = [field.column for field in Case._meta.concrete_fields if field.column not in ("id", "reference")]
    listed = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO casework_case (reference, {listed})
            SELECT 'PAD-' || lpad(n::text, 8, '0'), {", ".join(f"model.{column}" for column in columns)}
            FROM generate_series(1, %s) AS n
            JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS place, * FROM casework_case) AS model
              ON model.place = n %% (SELECT count(*) FROM casework_case)""",  # noqa: S608 - our own column names
            [missing],
        )
        cursor.execute("ANALYZE casework_case")


def _time_pages(runs: int, wanted: list[str]) -> dict:
    from django.contrib.auth.models import User
    from django.db.models import Count

    from casework.models import ApiToken, Case, FeedbackCase

    people = ("gen-cw-1-1", "gen-om-1", "gen-oat-1", "gen-legal", "gen-ombudsman")
    caseworker, manager, oat, lawyer, ombudsman = (User.objects.get(username=name) for name in people)
    case = Case.objects.filter(case_owner=caseworker, feedback__isnull=False).order_by("-id").first()
    surname = case.service_user.name.split()[-1]
    busiest = FeedbackCase.objects.annotate(events_count=Count("events")).order_by("-events_count", "-id").first()
    pages = [
        ("My work", caseworker, "/"),
        ("My work (a manager)", manager, "/"),
        ("All my work (a manager)", manager, "/work/"),
        ("Team view", manager, "/team/"),
        ("A team member's work", manager, f"/team/{caseworker.pk}/"),
        ("Case list", caseworker, "/cases/"),
        ("Case search", caseworker, f"/cases/?q={surname}"),
        ("Feedback list", caseworker, "/feedback/"),
        ("Case", caseworker, f"/cases/{case.reference}/"),
        ("Feedback, longest history", oat, f"/feedback/{busiest.reference}/"),
        ("OAT's queue", oat, "/oat/"),
        ("Legal Team's requests", lawyer, "/legal/"),
        ("Approvals", ombudsman, "/approvals/"),
        ("Learning", manager, "/learning/"),
        ("Insight, last 12 months", oat, "/insight/"),
        ("Insight, last 12 months (a manager)", manager, "/insight/"),
        ("API: my work", caseworker, "/api/v1/work"),
        ("API: my work (a manager)", manager, "/api/v1/work"),
        ("API: cases", caseworker, "/api/v1/cases"),
        ("API: people", caseworker, f"/api/v1/people?q={surname}"),
        ("API: OAT's referrals", oat, "/api/v1/oat/referrals"),
        ("API: legal requests", lawyer, "/api/v1/legal/requests"),
        ("API: approvals", ombudsman, "/api/v1/approvals"),
    ]
    if wanted:
        pages = [page for page in pages if any(part.lower() in page[0].lower() for part in wanted)]
    clients, tokens = {}, {}
    figures = {}
    for name, user, url in pages:
        print(f"  {name}", file=sys.stderr, flush=True)
        if user.pk not in clients:
            clients[user.pk] = filling.signed_in(user)
            tokens[user.pk] = ApiToken.issue(user, "Benchmark", days=1)[1]
        headers = {"Authorization": f"Bearer {tokens[user.pk]}"} if url.startswith("/api/") else {}
        figures[name] = {"url": url, "user": user.username, **_timed(clients[user.pk], url, runs, headers)}
    return figures


def _timed(client, url: str, runs: int, headers: dict) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    started = time.perf_counter()
    size = len(get().content)
    cold = time.perf_counter() - started
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        seconds.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        get()
    ordered = sorted(seconds)
    return {
        "bytes": size,
        "cold_seconds": round(cold, 3),
        "median_seconds": round(statistics.median(seconds), 3),
        "p95_seconds": round(ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)], 3),
        "queries": len(captured.captured_queries),
    }


def _print(result: dict, sizes: dict) -> None:
    machine = result["machine"]
    print(
        f"\n{machine['cpus']} CPUs, load average {machine['load_average_before']} before, {machine['load_average_after']} after"
    )
    order = sorted(sizes)
    header = f"{'page':<28}" + "".join(f"{f'{size:,}: median / p95 s (queries)':>36}" for size in order) + f"{'p95 ratio':>11}"
    print(header)
    for page in sizes[order[0]]["pages"]:
        cells = []
        for size in order:
            figures = sizes[size]["pages"].get(page)
            cells.append(
                f"{figures['median_seconds']:.3f} / {figures['p95_seconds']:.3f} ({figures['queries']})" if figures else "-"
            )
        ratio = result["p95_ratio_largest_to_smallest"].get(page)
        print(f"{page:<28}" + "".join(f"{cell:>36}" for cell in cells) + f"{ratio if ratio is not None else '-':>11}")


if __name__ == "__main__":
    main()
