"""How long the insight page's queries take at scale, on PostgreSQL. A benchmark, not a timed test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/insight.py [--feedback 300000]

DATABASE_URL names the PostgreSQL server (and a database there to connect to); the benchmark
works in its own database on that server (`--database`, default `redress_bench`), creating it if
need be, migrating it and filling it once with `casework.generator` (skipped when it already holds
the generated feedback asked for). It then times `insight_for` for an OAT caseworker (who sees
everything) over the last 12 months and over all the years, for one team, and for that team's
manager; and the /insight/ page itself through the Django test client. Each is run several times
(the first, cold, run is reported apart); queries are counted with CaptureQueriesContext. The
figures are printed and written to bench/results/insight.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import secrets
import statistics
import sys
import time
import warnings
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "insight.json"
sys.path.insert(0, str(ROOT / "bench"))

import machine  # noqa: E402 - the header every benchmark's results start with

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def main() -> None:
    args = _arguments()
    server = os.environ.get("DATABASE_URL", "")
    if urlsplit(server).scheme not in POSTGRES_SCHEMES:
        sys.exit(
            "bench/insight.py runs on PostgreSQL only: set DATABASE_URL=postgres://user@host:5432/postgres "
            f"(it works in its own database, {args.database}). SQLite figures would say nothing about production."
        )
    bench_url = _ensure_database(server, args.database, fresh=args.fresh)
    _configure_django(bench_url)

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    data = _ensure_data(args, bench_url)
    load_before = os.getloadavg()
    scenarios, page = _run_scenarios(args)
    result = {
        **machine.header(load_before),
        "django": _django_version(),
        "postgresql": _postgres_version(),
        "insight_module": _fingerprint(ROOT / "casework" / "read" / "insight.py"),
        "data": data,
        "insight_for": scenarios,
        "page": page,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    _print(result)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feedback", type=int, default=300_000, help="feedback cases to generate (default 300,000)")
    parser.add_argument("--years", type=int, default=5, help="spread over this many years to today (default 5)")
    parser.add_argument("--teams", type=int, default=10, help="casework teams (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each scenario after the cold one (default 5)")
    parser.add_argument("--database", default="redress_bench", help="the benchmark's own database (default redress_bench)")
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database first and generate again")
    args = parser.parse_args()
    if args.feedback < args.years or args.years < 1 or args.runs < 1:
        parser.error("--feedback must be at least --years, and --years and --runs at least 1")
    return args


def _ensure_database(server: str, name: str, *, fresh: bool) -> str:
    """Create the benchmark database on the server DATABASE_URL names, unless it is there already."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(server)
    maintenance = parts._replace(scheme="postgresql", path="/postgres" if parts.path.strip("/") in ("", name) else parts.path)
    with psycopg.connect(urlunsplit(maintenance), autocommit=True) as connection:
        if fresh:
            print(f"Dropping database {name}")
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            print(f"Creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def _configure_django(url: str) -> None:
    """Production settings (DEBUG off), with a throwaway key and the test client's host allowed."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = "bench-only-" + secrets.token_urlsafe(32)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["SECURE_SSL_REDIRECT"] = "false"  # the test client speaks plain HTTP
    os.environ["DJANGO_SETTINGS_MODULE"] = "redress.settings"
    machine.without_uploads()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)  # no collectstatic needed here
    import django

    django.setup()


def _ensure_data(args: argparse.Namespace, url: str) -> dict:
    from django.utils import timezone

    from casework.generator import FEEDBACK_PREFIX, generate, journeys_for
    from casework.models import FeedbackCase

    present = FeedbackCase.objects.filter(reference__startswith=FEEDBACK_PREFIX).count()
    expected = args.years * (args.feedback // args.years)  # what `generate` makes
    previous = _previous_generation(expected)
    generation: dict = {"seconds": previous.get("seconds"), "generated_this_run": False}
    if present == 0:
        today = timezone.localdate()
        print(f"Generating {args.feedback:,} feedback cases over {args.years} years to {today} (seed {args.seed})")
        started, cpu = time.perf_counter(), time.process_time()
        rows = generate(
            years=args.years,
            feedback_per_year=args.feedback // args.years,
            seed=args.seed,
            today=today,
            teams=args.teams,
            progress=lambda message: print(f"  {message}", flush=True),
        )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"Generated {rows:,} rows in {seconds:.0f} s ({cpu:.0f} s of this process's CPU); analysing the tables")
        started = time.perf_counter()
        _vacuum_analyse(url)
        generation = {
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),  # this process's CPU time: the rest is PostgreSQL's, and waiting
            "rows_made": rows,
            "journeys_walked": journeys_for(expected),  # walked through the real use cases, then copied
            "vacuum_analyse_seconds": round(time.perf_counter() - started, 1),
            "generated_this_run": True,
            "years": args.years,
            "teams": args.teams,
            "seed": args.seed,
            "today": today.isoformat(),
        }
    elif present != expected:
        sys.exit(f"{args.database} holds {present:,} generated feedback cases, not {expected:,}: run with --fresh")
    else:
        print(f"{args.database} already holds {present:,} generated feedback cases: not generating again")
        generation |= {key: value for key, value in previous.items() if key != "generated_this_run"}
    return {"rows": _row_counts(), "generation": generation}


def _previous_generation(feedback: int) -> dict:
    """The generation figures of the last run on the same data, so a rerun still reports them."""
    try:
        previous = json.loads(RESULTS.read_text())
        if previous["data"]["rows"]["feedback cases"] == feedback:
            return previous["data"]["generation"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


def _vacuum_analyse(url: str) -> None:
    """Fresh statistics, as autovacuum would give a database that had grown over the years."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def _row_counts() -> dict[str, int]:
    from django.contrib.auth.models import User

    from casework.models import Approval, Case, FeedbackCase, FollowOnCase, LearningPoint, Remedy, Task

    models = {
        "cases": Case,
        "feedback cases": FeedbackCase,
        "tasks": Task,
        "remedies": Remedy,
        "learning points": LearningPoint,
        "approvals": Approval,
        "new cases": FollowOnCase,
        "users": User,
    }
    return {name: model.objects.count() for name, model in models.items()}


def _run_scenarios(args: argparse.Namespace) -> tuple[list[dict], list[dict] | dict]:
    from django.contrib.auth.models import User
    from django.db.models import Min
    from django.utils import timezone

    from casework.generator import FEEDBACK_PREFIX
    from casework.models import FeedbackCase, Team
    from casework.read.insight import InsightFilter, insight_for
    from policy.calendar import add_months

    today = timezone.localdate()
    year_start = add_months(today, -11).replace(day=1)  # as the page's default period: 12 whole months
    first = FeedbackCase.objects.filter(reference__startswith=FEEDBACK_PREFIX).aggregate(first=Min("received_date"))["first"]
    oat, manager = User.objects.get(username="gen-oat-1"), User.objects.get(username="gen-om-1")
    team = Team.objects.get(members__user=manager)
    cases = [
        ("OAT, last 12 months", oat, InsightFilter(year_start, today)),
        ("OAT, all years", oat, InsightFilter(first, today)),
        (f"OAT, one team ({team.name}), last 12 months", oat, InsightFilter(year_start, today, team_id=team.pk)),
        (f"OAT, one team ({team.name}), all years", oat, InsightFilter(first, today, team_id=team.pk)),
        (f"Manager of {team.name} (sees the team), last 12 months", manager, InsightFilter(year_start, today)),
    ]
    scenarios = []
    for name, user, filters in cases:
        print(f"Timing insight_for: {name}", flush=True)
        scenarios.append(
            {
                "scenario": name,
                "user": user.username,
                "filters": {key: str(value) for key, value in dataclasses.asdict(filters).items() if value is not None},
                **_timed(lambda user=user, filters=filters: _touch(insight_for(user, filters, today)), args.runs),
            }
        )
    return scenarios, _time_page(oat, team, first, today, args.runs)


def _time_page(user, team, first: date, today: date, runs: int) -> list[dict] | dict:
    from django.urls import Resolver404, resolve

    try:
        resolve("/insight/")
    except Resolver404:
        return {"skipped": "there is no /insight/ page"}
    client = signed_in(user)
    everything = f"start_day={first.day}&start_month={first.month}&start_year={first.year}"
    everything += f"&end_day={today.day}&end_month={today.month}&end_year={today.year}"
    pages = [
        ("/insight/ (default: last 12 months)", "/insight/"),
        ("/insight/ all years", f"/insight/?{everything}"),
        (f"/insight/ one team ({team.name}), last 12 months", f"/insight/?team={team.pk}"),
    ]
    results = []
    for name, url in pages:
        print(f"Timing the page: {name}", flush=True)

        def get(url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            return response

        results.append({"page": name, "url": url, "bytes": len(get().content), **_timed(get, runs)})
    return results


def signed_in(user):
    """A test client signed in as `user`, second factor included (a TOTP device made for the bench)."""
    from django.contrib.auth.signals import user_logged_in
    from django.test import Client
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def second_factor(sender, request, user, **kwargs):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Benchmark", defaults={"confirmed": True})
        request.user = user  # the test client's made-up request has none yet
        otp_login(request, device)

    client = Client()
    user_logged_in.connect(second_factor, dispatch_uid="bench-second-factor")
    try:
        client.force_login(user)
    finally:
        user_logged_in.disconnect(dispatch_uid="bench-second-factor")
    return client


def _timed(run, runs: int) -> dict:
    """A cold run, then `runs` timed runs; then one more with every query captured and counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    run()
    cold = time.perf_counter() - started
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        run()
    return {
        "cold_seconds": round(cold, 3),
        "median_seconds": round(statistics.median(seconds), 3),
        "min_seconds": round(min(seconds), 3),
        "seconds": [round(s, 3) for s in seconds],
        "queries": len(captured.captured_queries),
        "query_seconds": round(sum(float(query["time"]) for query in captured.captured_queries), 3),
    }


def _touch(value):
    """Evaluate anything lazy in the result, so that the time includes every query it needs."""
    from django.db.models import QuerySet

    if isinstance(value, QuerySet):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _touch(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            _touch(item)
    elif isinstance(value, dict):
        for item in value.values():
            _touch(item)
    return value


def _fingerprint(path: Path) -> dict:
    """Which version of the code was timed: the figures change with it."""
    return {
        "path": str(path.relative_to(ROOT)),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "modified": datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds"),
    }


def _django_version() -> str:
    import django

    return django.get_version()


def _postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _print(result: dict) -> None:
    data = result["data"]
    generation = data["generation"]
    print()
    print(
        f"PostgreSQL {result['postgresql']}, Python {result['python']}, Django {result['django']}, {result['machine']['cpus']} CPUs"
    )
    print(f"Load average before/after: {result['machine']['load_average_before']} / {result['machine']['load_average_after']}")
    print("Rows: " + ", ".join(f"{n:,} {name}" for name, n in data["rows"].items()))
    made = "this run" if generation.get("generated_this_run") else "an earlier run"
    if generation.get("seconds") is not None:
        print(f"Generation: {generation['seconds']:,.0f} s ({made})")
    print()
    print(f"{'insight_for':<58} {'cold':>7} {'median':>7} {'min':>7} {'queries':>8}")
    for row in result["insight_for"]:
        print(
            f"{row['scenario']:<58} {row['cold_seconds']:>7.3f} {row['median_seconds']:>7.3f} "
            f"{row['min_seconds']:>7.3f} {row['queries']:>8}"
        )
    page = result["page"]
    if isinstance(page, dict):
        print(f"\nPage: {page['skipped']}")
    else:
        print(f"\n{'page (test client, signed in as OAT)':<58} {'cold':>7} {'median':>7} {'min':>7} {'queries':>8}")
        for row in page:
            print(
                f"{row['page']:<58} {row['cold_seconds']:>7.3f} {row['median_seconds']:>7.3f} "
                f"{row['min_seconds']:>7.3f} {row['queries']:>8}"
            )
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
