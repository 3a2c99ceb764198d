"""How fast `redress import-cases` takes a large file, and how much memory it needs at its peak.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_cases.py [--rows 100000]

Writes a CSV file of `--rows` cases (every column, 20 teams, 200 case owners, 500 organisations, and
a service user to every case but one in five, who has a second case: half of the people named by
reference, half found by name, email and postcode), then, on SQLite (a
fresh file) and on PostgreSQL (its own database, `--database`, default bench_import_cases, dropped
and made again each run; without a PostgreSQL DATABASE_URL only SQLite), each in a process of its
own with production settings: imports it into an empty database (every case created, each with
its audit event and its first decision, every person registered with theirs), imports it again
(nothing changes, nothing is written), then imports a copy in
which one row in ten has a new risk (those cases updated, each with a before/after event). Each
import is timed as the command runs it (`import_cases`, both readings of the file and the one
transaction). Peak memory is the process's peak resident size (getrusage's maxrss), Django and
all, measured in a process that does nothing else. Prints the figures and writes them to
bench/results/import_cases.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "import_cases.json"
sys.path.insert(0, str(ROOT / "bench"))

import machine  # noqa: E402 - the header every benchmark's results start with

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
TEAMS, OWNERS, ORGANISATIONS = 20, 200, 500
PEOPLE_PER_CASE = 0.8  # one person in four has two cases
TODAY = date(2026, 12, 1)
RUNS = ("first: all created", "again: nothing changed", "a tenth changed")


def main() -> None:
    args = _arguments()
    if args.worker:
        print(json.dumps(_measure(args.worker, Path(args.file), args.run)))
        return
    server = os.environ.get("DATABASE_URL", "")
    load_before = os.getloadavg()
    results = {}
    with tempfile.TemporaryDirectory(prefix="redress-bench-") as folder:
        files = _write_files(Path(folder), args.rows)
        targets = {"sqlite": f"sqlite:///{folder}/bench.sqlite3"}
        if urlsplit(server).scheme in POSTGRES_SCHEMES:
            targets["postgresql"] = _fresh_postgres_database(server, args.database)
        else:
            print("DATABASE_URL names no PostgreSQL server: timing SQLite only", file=sys.stderr)
        for name, url in targets.items():
            print(f"== {name}", flush=True)
            results[name] = [_in_own_process(url, files[run], run) for run in RUNS]
            for figures in results[name]:
                print(_line(figures), flush=True)
    result = {
        **machine.header(load_before),
        "rows": args.rows,
        "databases": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="cases in the file (default 100,000)")
    parser.add_argument("--database", default="bench_import_cases", help="the PostgreSQL database to use")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the database URL, in the child process
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    return args


def _write_files(folder: Path, count: int) -> dict[str, Path]:
    """The file, and a copy with one row in ten at another risk."""
    people = max(1, int(count * PEOPLE_PER_CASE))
    first, changed = folder / "cases.csv", folder / "cases-changed.csv"
    with first.open("w", newline="", encoding="utf-8") as one, changed.open("w", newline="", encoding="utf-8") as other:
        writers = None
        for n in range(count):
            owner, person = n % OWNERS, n % people
            decided = TODAY - timedelta(days=1 + n % 700)
            row = {
                "reference": f"CMS-{n:07d}",
                "service_user_reference": f"P-{person:07d}" if person % 2 else "",
                "service_user": f"Service User {person}",
                "service_user_email": f"user{person}@example.org",
                "service_user_postcode": "SW1A 2AA",
                "service_user_address": f"{person} High Street;Leeds",
                "service_user_phone": "0300 061 4000",
                "organisation": f"Organisation {n % ORGANISATIONS}",
                "team": f"Team {owner % TEAMS}",
                "case_owner": f"owner{owner}",
                "manager": f"manager{owner % TEAMS}",
                "stage": ("primary", "detailed")[n % 2],
                "risk": ("low", "medium", "high")[n % 3],
                "decision_date": decided.isoformat(),
                "report_issue_date": decided.isoformat(),
                "closed": "yes",
                "closure_reason": "not_upheld",
                "supervised": "no",
                "joint_with_lgsco": "yes" if n % 17 == 0 else "no",
                "mp_involved": "yes" if n % 13 == 0 else "no",
            }
            if writers is None:
                writers = csv.DictWriter(one, fieldnames=list(row)), csv.DictWriter(other, fieldnames=list(row))
                for writer in writers:
                    writer.writeheader()
            writers[0].writerow(row)
            if n % 10 == 0:
                row["risk"] = {"low": "medium", "medium": "high", "high": "low"}[row["risk"]]
            writers[1].writerow(row)
    return {RUNS[0]: first, RUNS[1]: first, RUNS[2]: changed}


def _fresh_postgres_database(server: str, name: str) -> str:
    import psycopg
    from psycopg import sql

    parts = urlsplit(server)
    maintenance = parts._replace(scheme="postgresql", path="/postgres")
    with psycopg.connect(urlunsplit(maintenance), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def _in_own_process(url: str, file: Path, run: str) -> dict:
    """A process per import, so its peak memory is that import's alone."""
    command = [sys.executable, __file__, "--worker", url, "--file", str(file), "--run", run]
    finished = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603 - our own script
    return json.loads(finished.stdout.strip().splitlines()[-1])


# --- in the child process ----------------------------------------------------------------------


def _measure(url: str, file: Path, run: str) -> dict:
    _configure_django(url)
    from django.core.management import call_command
    from django.db import connection

    from casework.models import Case, Decision, Event
    from casework.services.case_import import import_cases

    call_command("migrate", interactive=False, verbosity=0)
    if not Case.objects.exists():
        _staff()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    events_before, decisions_before = Event.objects.count(), Decision.objects.count()
    server_started = _server_cpu(connection)
    with file.open("rb") as handle:
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome = import_cases(None, handle, file.stat().st_size, name=file.name, today=TODAY)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    server_seconds = None if server_started is None else _server_cpu(connection) - server_started
    return {
        "run": run,
        "vendor": connection.vendor,
        "rows": outcome.rows,
        "created": len(outcome.created),
        "changed": len(outcome.changed),
        "unchanged": outcome.unchanged,
        "service_users_registered": outcome.people_registered,
        "organisations_added": outcome.organisations_added,
        "decisions_written": Decision.objects.count() - decisions_before,
        "audit_events_written": Event.objects.count() - events_before,
        "seconds": round(seconds, 2),
        "rows_per_second": round(outcome.rows / seconds),
        # This process's own CPU time: on a busy machine, what the import itself cost (the
        # database's work is in it on SQLite, in the server's processes on PostgreSQL).
        "cpu_seconds": round(cpu_seconds, 2),
        "rows_per_cpu_second": round(outcome.rows / cpu_seconds),
        # PostgreSQL's own CPU time for the import (its process serving this connection, the checks
        # at commit included), when the server runs on this machine: on a busy machine, with the
        # import's, what the import would take on a quiet one.
        "server_cpu_seconds": None if server_seconds is None else round(server_seconds, 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),  # Linux: kilobytes
        "memory_before_import_mb": round(before / 1024, 1),
        "file_mb": round(file.stat().st_size / (1024 * 1024), 1),
    }


def _server_cpu(connection) -> float | None:
    """The CPU seconds so far of the PostgreSQL process serving `connection`, if it is on this machine."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime


def _configure_django(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = "bench-only-key-kept-the-same-across-runs-" + "x" * 20
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "redress.settings"
    os.environ["REDRESS_DATA_DIR"] = tempfile.mkdtemp(prefix="redress-bench-data-")
    machine.without_uploads()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def _staff() -> None:
    from django.contrib.auth.models import User

    from casework.models import Team

    Team.objects.bulk_create([Team(name=f"Team {n}") for n in range(TEAMS)])
    User.objects.bulk_create(
        [User(username=f"manager{n}", password="!") for n in range(TEAMS)]  # noqa: S106 - an unusable password
        + [User(username=f"owner{n}", password="!") for n in range(OWNERS)]  # noqa: S106
    )


def _line(figures: dict) -> str:
    return (
        f"{figures['run']:<24} {figures['rows']:>7,} rows in {figures['seconds']:6.1f} s = {figures['rows_per_second']:>6,} rows/s; "
        f"{figures['created']:,} created, {figures['changed']:,} changed, {figures['service_users_registered']:,} people "
        f"registered, {figures['audit_events_written']:,} audit events; {figures['rows_per_cpu_second']:,} rows per CPU second; "
        f"peak memory {figures['peak_memory_mb']} MB"
        + ("" if figures.get("server_cpu_seconds") is None else f"; server CPU {figures['server_cpu_seconds']} s")
    )


if __name__ == "__main__":
    main()
