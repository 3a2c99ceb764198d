"""How many workflow actions a second Redress takes, against a bare insert on the same database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/actions.py [--complaints 40]

Drives complaints along two paths through the use cases (`log_feedback`, then `take_action` for
each step, by the person the guidance names): a complaint about our decision along the review path
to an upheld review with a payment, a learning point and the decision letter (13 actions), and a
complaint about our service resolved with an upheld finding and an apology (5 actions). It does so
on SQLite (a fresh file) and on PostgreSQL (its own database, `--database`, default bench_actions,
dropped and made again each run), each in a process of its own with production settings (DEBUG
off). In the same process it times a bare one-row insert committed in its own transaction, through
the same Django connection, so the ratio of the two says how much each action costs beyond a
commit. Queries per action are counted with CaptureQueriesContext on further walks, outside the
timed ones. Prints the figures and writes them to bench/results/actions.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "actions.json"
sys.path.insert(0, str(ROOT / "bench"))

import machine  # noqa: E402 - the header every benchmark's results start with

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}

# The dates of the service tests: a decision of 25 November 2026, grounds in on their deadline.
DECISION, RECEIVED, DEADLINE, LATER = date(2026, 11, 25), date(2026, 11, 26), date(2026, 12, 29), date(2027, 1, 6)


def main() -> None:
    args = _arguments()
    if args.worker and args.walker is not None:
        print(json.dumps(_walk_at(args.worker, args)))
        return
    if args.worker:
        print(json.dumps(_measure(args.worker, args)))
        return
    server = os.environ.get("DATABASE_URL", "")
    targets = {"sqlite": None, "postgresql": None}
    if urlsplit(server).scheme in POSTGRES_SCHEMES:
        targets["postgresql"] = _fresh_postgres_database(server, args.database)
    else:
        print("DATABASE_URL names no PostgreSQL server: timing SQLite only", file=sys.stderr)
        del targets["postgresql"]
    load_before = os.getloadavg()
    results = {}
    with tempfile.TemporaryDirectory(prefix="redress-bench-") as folder:
        targets["sqlite"] = f"sqlite:///{folder}/bench.sqlite3"
        for name, url in targets.items():
            print(f"== {name}", flush=True)
            results[name] = _in_own_process(url, args)
    if targets.get("postgresql") and args.processes > 1:
        print(f"== postgresql, 1 and {args.processes} processes at once", flush=True)
        results["postgresql"]["processes_at_once"] = _at_once(targets["postgresql"], args)
    result = {
        **machine.header(load_before),
        "complaints_per_path": args.complaints,
        "databases": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    _print(result)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=40, help="complaints walked along each path, timed (default 40)")
    parser.add_argument("--counted", type=int, default=2, help="further walks per path with every query counted (default 2)")
    parser.add_argument("--bare", type=int, default=2000, help="bare one-row insert transactions to time (default 2,000)")
    parser.add_argument("--database", default="bench_actions", help="the PostgreSQL database to use (default bench_actions)")
    parser.add_argument(
        "--processes", type=int, default=2, help="processes acting at once on PostgreSQL (default 2; 1 skips that part)"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the database URL, in the child process
    parser.add_argument("--walker", type=int, help=argparse.SUPPRESS)  # one of the processes acting at once
    parser.add_argument("--start", type=float, help=argparse.SUPPRESS)  # when the processes acting at once start
    args = parser.parse_args()
    if args.complaints < 1 or args.counted < 1 or args.bare < 1:
        parser.error("--complaints, --counted and --bare must be at least 1")
    return args


def _fresh_postgres_database(server: str, name: str) -> str:
    import psycopg
    from psycopg import sql

    parts = urlsplit(server)
    maintenance = parts._replace(scheme="postgresql", path="/postgres")
    with psycopg.connect(urlunsplit(maintenance), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def _in_own_process(url: str, args: argparse.Namespace) -> dict:
    """Django's settings are fixed once per process, so each database gets a process of its own."""
    command = [sys.executable, __file__, "--worker", url, "--complaints", str(args.complaints)]
    command += ["--counted", str(args.counted), "--bare", str(args.bare)]
    finished = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603 - our own script
    return json.loads(finished.stdout.strip().splitlines()[-1])


def _at_once(url: str, args: argparse.Namespace) -> dict:
    """Actions a second from one process, then from `--processes` processes at once, each on feedback
    of its own; the same walks in each process, started together once every process has logged its
    complaints. The ratio says whether actions on different feedback wait for each other."""
    rounds = {}
    for processes in (1, args.processes):
        start = time.time() + 15  # long enough for every process to start Django and log its complaints
        command = [sys.executable, __file__, "--worker", url, "--complaints", str(args.complaints), "--start", str(start)]
        running = [
            subprocess.Popen([*command, "--walker", str(len(rounds) * 100 + n)], stdout=subprocess.PIPE, text=True)  # noqa: S603
            for n in range(processes)
        ]
        walked = [json.loads(process.communicate()[0].strip().splitlines()[-1]) for process in running]
        wall = max(w["ended"] for w in walked) - min(w["started"] for w in walked)
        actions = sum(w["actions"] for w in walked)
        rounds[processes] = {
            "processes": processes,
            "actions": actions,
            "wall_seconds": round(wall, 2),
            "actions_per_second": round(actions / wall, 1),
        }
        if any(w["started"] < start for w in walked):
            print("a process was not ready at the start: raise the wait", file=sys.stderr)
    one, many = rounds[1], rounds[args.processes]
    return {"one": one, "many": many, "ratio": round(many["actions_per_second"] / one["actions_per_second"], 2)}


# --- in the child process ----------------------------------------------------------------------


def _measure(url: str, args: argparse.Namespace) -> dict:
    _configure_django(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    people = _staff()
    paths = {"review": _review_walk(people), "service complaint": _service_walk(people)}
    for walk in paths.values():  # once each, untimed: imports, caches and the database's plans
        walk(_new_case(people))
    timed = {name: _timed_walks(walk, people, args.complaints) for name, walk in paths.items()}
    counted = {name: _counted_walks(walk, people, args.counted) for name, walk in paths.items()}
    bare = _bare_inserts(args.bare)
    every = [seconds for path in timed.values() for seconds in path.pop("action_seconds")]
    cpu = [seconds for path in timed.values() for seconds in path.pop("action_cpu_seconds")]
    actions_per_second = len(every) / sum(every)
    queries = [n for path in counted.values() for per_action in path["queries_by_action"].values() for n in per_action]
    return {
        "vendor": connection.vendor,
        "server_version": _server_version(),
        "actions": len(every),
        "actions_per_second": round(actions_per_second, 1),
        "median_action_ms": round(1000 * statistics.median(every), 2),
        # This process's CPU for an action (not the database server's): less swayed by other work on the machine.
        "cpu_ms_per_action": round(1000 * statistics.mean(cpu), 2),
        "queries_per_action": round(statistics.mean(queries), 1),
        "queries_per_action_max": max(queries),
        "bare_inserts_per_second": round(bare, 1),
        "ratio_to_bare_insert": round(actions_per_second / bare, 3),
        "paths": {name: timed[name] | counted[name] for name in paths},
    }


def _walk_at(url: str, args: argparse.Namespace) -> dict:
    """One of the processes acting at once: logs its complaints, waits for the start, then takes
    every step of the review path on each, on cases of its own."""
    _configure_django(url)
    from django.contrib.auth.models import User

    from casework.models import Team

    people = {key: User.objects.get(username=f"bench-{key}") for key in ("director", "manager", "owner", "oat")}
    people |= {
        "team": Team.objects.get(name="Bench Team"),
        "cases": iter(range(1_000_000 * (args.walker + 1), 1_000_000 * (args.walker + 2))),
    }
    log, steps = _review_steps(people)
    logged = [log(_new_case(people)) for _ in range(args.complaints)]
    while time.time() < args.start:
        time.sleep(0.01)
    started, actions = time.time(), 0
    for feedback in logged:
        for step in steps:
            step(feedback)
            actions += 1
    return {"started": started, "ended": time.time(), "actions": actions}


def _configure_django(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = "bench-only-" + secrets.token_urlsafe(32)
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "redress.settings"
    os.environ["REDRESS_DATA_DIR"] = tempfile.mkdtemp(prefix="redress-bench-data-")
    machine.without_uploads()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def _staff() -> dict:
    from django.contrib.auth.models import Group, User

    from casework.models import StaffProfile, Team
    from policy.facts import Role

    team = Team.objects.create(name="Bench Team")
    people = {"team": team}
    for key, username, role, line_manager in [
        ("director", "bench-director", Role.MANAGER, None),
        ("manager", "bench-manager", Role.MANAGER, "director"),
        ("owner", "bench-owner", Role.CASEWORKER, "manager"),
        ("oat", "bench-oat", Role.OAT, None),
    ]:
        user = User.objects.create_user(username, f"{username}@example.org", secrets.token_urlsafe(16))
        user.groups.add(Group.objects.get(name=role))
        in_team = team if role != Role.OAT else None
        StaffProfile.objects.create(user=user, team=in_team, line_manager=people.get(line_manager))
        people[key] = user
    people["cases"] = iter(range(1, 1_000_000))
    return people


def _new_case(people: dict):
    from casework.models import Case, Organisation, ServiceUser
    from policy.facts import ClosureReason, Risk, Stage

    return Case.objects.create(
        reference=f"BENCH-{next(people['cases']):06d}",
        service_user=ServiceUser.objects.get_or_create(reference="BENCH-SU", defaults={"name": "Alice Brown"})[0],
        organisation=Organisation.objects.get_or_create(name="Northgate NHS Trust")[0],
        team=people["team"],
        case_owner=people["owner"],
        manager=people["manager"],
        stage=Stage.PRIMARY,
        risk=Risk.LOW,
        decision_date=DECISION,
        closure_reason=ClosureReason.NOT_UPHELD,
    )


def _review_walk(people: dict):
    """A complaint about our decision, from logging to the upheld review's decision letter."""
    return _walker(*_review_path(people))


def _review_steps(people: dict):
    """The review path as a function that logs the complaint, and a function for each step."""
    from casework.services.feedback import NewFeedback, log_feedback, take_action
    from policy.facts import Channel

    logged_by, kind, steps = _review_path(people)
    new = NewFeedback(kind=kind, received_date=RECEIVED, channel=Channel.EMAIL, summary="I think you got it wrong")

    def step(actor, name, inputs, today):
        return lambda feedback: take_action(actor, feedback.reference, name, inputs, today)

    return partial(log_feedback, logged_by, new=new, today=RECEIVED), [step(*each) for each in steps]


def _review_path(people: dict):
    from policy.facts import FeedbackKind

    owner, oat = people["owner"], people["oat"]
    steps = [
        (owner, "check_oat_advice_needed", {key: False for key in _OAT_CRITERIA}, RECEIVED),
        (owner, "request_grounds", {}, RECEIVED),
        (owner, "record_grounds", {**_GROUNDS, "received_date": DEADLINE}, LATER),
        (owner, "accept_in_time", {}, LATER),
        (owner, "record_challenge_analysis", _ANALYSIS, LATER),
        (owner, "refer_to_oat", {"summary": "The discharge letter was overlooked"}, LATER),
        (oat, "take_referral", {}, LATER),
        (owner, "record_risk_assessment", {"risk": "low", "assessment": "No new risks to the service user"}, LATER),
        (oat, "oat_outcome_accepted", {"advice": "We will review it"}, LATER),
        (oat, "record_review_decision", _UPHELD, LATER),
        (oat, "offer_remedy", _PAYMENT, LATER),
        (oat, "record_learning_point", _LEARNING, LATER),
        (oat, "send_review_decision", {}, LATER),
    ]
    return owner, FeedbackKind.DECISION_COMPLAINT, steps


def _service_walk(people: dict):
    """A complaint about our service: an attempt to resolve, an upheld finding and an apology."""
    from policy.facts import FeedbackKind

    manager = people["manager"]
    finding = {
        "what_happened": "Nine months without contact",
        "what_should_have_happened": "Updates every month",
        "difference": "Distress and uncertainty",
        "upheld": True,
    }
    steps = [
        (manager, "record_resolution_attempt", {"attempt": "Called the service user"}, RECEIVED),
        (manager, "record_finding", finding, RECEIVED),
        (manager, "record_risk_assessment", {"risk": "low", "assessment": "No risk from an apology"}, RECEIVED),
        (manager, "offer_remedy", {"remedy_type": "apology", "details": "A written apology"}, RECEIVED),
        (manager, "close_upheld", {}, RECEIVED),
    ]
    return _walker(people["owner"], FeedbackKind.SERVICE_COMPLAINT, steps)


def _walker(logged_by, kind, steps):
    """A function that logs feedback of `kind` on a case and takes each step; it yields (name, call)."""
    from casework.services.feedback import NewFeedback, log_feedback, take_action
    from policy.facts import Channel

    new = NewFeedback(kind=kind, received_date=RECEIVED, channel=Channel.EMAIL, summary="I think you got it wrong")

    def walk(case, each=lambda name, call: call()):
        feedback = each("log_feedback", partial(log_feedback, logged_by, case, new, RECEIVED))
        for actor, name, inputs, today in steps:
            each(name, partial(take_action, actor, feedback.reference, name, inputs, today))
        return feedback

    return walk


def _timed_walks(walk, people: dict, complaints: int) -> dict:
    cases = [_new_case(people) for _ in range(complaints)]
    action_seconds: list[float] = []
    action_cpu_seconds: list[float] = []
    logging_seconds: list[float] = []

    def each(name, call):
        started, cpu = time.perf_counter(), time.process_time()
        value = call()
        (logging_seconds if name == "log_feedback" else action_seconds).append(time.perf_counter() - started)
        if name != "log_feedback":
            action_cpu_seconds.append(time.process_time() - cpu)
        return value

    started = time.perf_counter()
    for case in cases:
        walk(case, each)
    wall = time.perf_counter() - started
    return {
        "complaints": complaints,
        "actions": len(action_seconds),
        "action_seconds": action_seconds,
        "action_cpu_seconds": action_cpu_seconds,
        "actions_per_second": round(len(action_seconds) / sum(action_seconds), 1),
        "log_feedback_per_second": round(len(logging_seconds) / sum(logging_seconds), 1),
        "wall_seconds": round(wall, 2),
    }


def _counted_walks(walk, people: dict, walks: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries: dict[str, list[int]] = defaultdict(list)

    def each(name, call):
        with CaptureQueriesContext(connection) as captured:
            value = call()
        queries[name].append(len(captured.captured_queries))
        return value

    for _ in range(walks):
        walk(_new_case(people), each)
    logging = queries.pop("log_feedback")
    return {"queries_by_action": dict(queries), "queries_to_log_feedback": max(logging)}


def _bare_inserts(rows: int) -> float:
    """One-row insert transactions a second, through the same connection the actions used."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_bare (id integer PRIMARY KEY, note varchar(100) NOT NULL)")
    for warm in range(-20, 0):  # a few first, untimed
        with transaction.atomic(durable=True), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_bare (id, note) VALUES (%s, %s)", [warm, "warm"])
    started = time.perf_counter()
    for n in range(rows):
        with transaction.atomic(durable=True), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_bare (id, note) VALUES (%s, %s)", [n, "a bare one-row insert"])
    return rows / (time.perf_counter() - started)


def _server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        return cursor.fetchone()[0]


_OAT_CRITERIA = ("jr_threat_or_unlawful_allegation", "brought_by_organisation", "specialist_subject")
_GROUNDS = {
    "ground_types": ["overlooked"],
    "why_wrong": "You did not read the discharge letter I sent",
    "what_they_want": "Look at the case again",
    "evidence": "Discharge letter of 3 March",
}
_ANALYSIS = {"is_challenge": True, "clear_evidence": True, "genuine_doubt": True, "reasons": "The letter was not read"}
_UPHELD = {
    "finding_overlooked": "upheld",
    "route": "financial_remedy",
    "remedy_analysis": "A payment for the distress of a wrong decision",
    "impact": "Months of distress",
    "proportionality": "Level 2 of the scale fits the distress",
    "restoring_position": "A payment cannot undo it, but recognises it",
    "handling_feedback": "A careful analysis, referred promptly",
    "proportionate": True,
}
_PAYMENT = {"remedy_type": "financial", "details": "A payment for distress", "severity_level": "2", "amount": "500"}
_LEARNING = {
    "kind": "individual",
    "text": "The case owner did not contact the service user to discuss the complaint",
    "service_model_section": "Section 2 Contacting the complainant (para 2.140)",
    "charter_commitment": "5",
}


def _print(result: dict) -> None:
    machine = result["machine"]
    print(f"\nPython {result['python']}, {machine['cpus']} CPUs, load average {machine['load_average_before']} before")
    print(f"{result['complaints_per_path']} complaints timed along each path\n")
    header = f"{'database':<12} {'actions/s':>10} {'median ms':>10} {'CPU ms':>7} {'queries/action':>15} {'max':>5} {'bare inserts/s':>15} {'ratio':>7}"
    print(header)
    for name, row in result["databases"].items():
        print(
            f"{name:<12} {row['actions_per_second']:>10.1f} {row['median_action_ms']:>10.2f} {row['cpu_ms_per_action']:>7.1f} {row['queries_per_action']:>15.1f} "
            f"{row['queries_per_action_max']:>5} {row['bare_inserts_per_second']:>15.1f} {row['ratio_to_bare_insert']:>7.1%}"
        )
    for name, row in result["databases"].items():
        for path, figures in row["paths"].items():
            per_action = ", ".join(f"{action} {max(counts)}" for action, counts in figures["queries_by_action"].items())
            logging = figures["queries_to_log_feedback"]
            print(f"\n{name}, {path}: {figures['actions_per_second']} actions/s; queries: log_feedback {logging}, {per_action}")
    at_once = result["databases"].get("postgresql", {}).get("processes_at_once")
    if at_once:
        one, many = at_once["one"], at_once["many"]
        print(
            f"\npostgresql, review path: 1 process {one['actions_per_second']} actions/s, {many['processes']} at once "
            f"{many['actions_per_second']} actions/s: {at_once['ratio']} times"
        )


if __name__ == "__main__":
    main()
