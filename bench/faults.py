"""Faults under load: kill -9 of an app server worker, and the database going away and coming back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/faults.py [--seconds 36]

Starts gunicorn (2 workers) on a database of its own (`redress_bench_faults`, created if missing),
reached through a TCP proxy inside this script, and drives it through the API from --clients
threads: log a complaint, then ask for its grounds, each POST with an Idempotency-Key and retried
with the same key after a dropped connection or a 5xx. Part way through it kills one worker with
SIGKILL, and later cuts the proxy (every open database connection reset, new ones refused) for
--outage seconds: the database server itself is never touched (other work may share it). Then it
prints the errors clients saw, how long the service took to recover, and checks the database:
every acknowledged change is there exactly once, and no transition is half-done (a state without
its audit event, an event without its change, a complaint without its task), and the audit trail
verifies.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import machine  # noqa: E402 - the settings every benchmark shares

DATABASE = "redress_bench_faults"
AUDIT_KEY = "bench-faults-audit-key-" + "k" * 20
SECRET = "bench-faults-secret-" + "s" * 30


class Proxy:
    """A TCP proxy to the database that can be cut (open connections reset) and restored."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = _free_port()
        self.sockets: set[socket.socket] = set()
        self.listener: socket.socket | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self) -> None:
        with self.lock:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread, so the port is free again
            self.listener.close()
            for sock in self.sockets:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    sock.close()
                except OSError:
                    pass
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=36)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--outage", type=float, default=6)
    options = parser.parse_args()
    server = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not server.scheme.startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL server (postgres://user@host:5432/postgres): the script makes its own database"
        )
    direct = urlunsplit(server._replace(path=f"/{DATABASE}"))
    _ensure_database(urlunsplit(server), DATABASE)
    data_dir = tempfile.mkdtemp(prefix="redress-faults-")
    machine.without_uploads()
    os.environ.update(
        DATABASE_URL=direct,
        REDRESS_AUDIT_KEY=AUDIT_KEY,
        SECRET_KEY=SECRET,
        DEBUG="false",
        REDRESS_DATA_DIR=data_dir,
        PYTHONWARNINGS="ignore",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    import django

    django.setup()
    token, run, cases = _prepare()

    proxy = Proxy((server.hostname or "127.0.0.1", server.port or 5432))
    proxy.start()
    through_proxy = urlunsplit(
        server._replace(netloc=f"{server.username or 'postgres'}@127.0.0.1:{proxy.port}", path=f"/{DATABASE}")
    )
    port = _free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own app server
        [
            sys.executable,
            "-m",
            "gunicorn",
            "redress.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": through_proxy, "ALLOWED_HOSTS": "127.0.0.1"},
    )
    base = f"http://127.0.0.1:{port}"
    _wait_for(f"{base}/readyz")

    log = Log()
    stop = threading.Event()
    work = iter(cases)
    work_lock = threading.Lock()

    def client() -> None:
        while not stop.is_set():
            with work_lock:
                case = next(work, None)
            if case is None:
                return
            tag = uuid.uuid4().hex
            body = {"received_date": "2026-11-26", "channel": "phone", "summary": f"Logged under fault {tag}"}
            logged = _call(log, f"{base}/api/v1/cases/{case}/feedback", body, token, stop)
            if logged is None:
                continue
            log.acknowledged.append(("log", tag, logged["reference"]))
            asked = _call(log, f"{base}/api/v1/feedback/{logged['reference']}/actions/request_grounds", {}, token, stop)
            if asked is not None:
                log.acknowledged.append(("request_grounds", tag, logged["reference"]))

    threads = [threading.Thread(target=client) for _ in range(options.clients)]
    began = time.monotonic()
    log.began = began
    for thread in threads:
        thread.start()
    faults = {}
    time.sleep(options.seconds * 0.25)
    worker = _children(gunicorn.pid)[0]
    faults["kill -9 of a worker"] = time.monotonic()
    os.kill(worker, signal.SIGKILL)
    time.sleep(options.seconds * 0.3)
    faults["database cut"] = time.monotonic()
    proxy.cut()
    time.sleep(options.outage)
    faults["database back"] = time.monotonic()
    proxy.start()
    time.sleep(max(0.0, options.seconds - (time.monotonic() - began)))
    stop.set()
    for thread in threads:
        thread.join(60)
    gunicorn.terminate()
    try:
        gunicorn.wait(40)
    except subprocess.TimeoutExpired:
        gunicorn.kill()
    _report(log, faults, began, options, run)


class Log:
    def __init__(self):
        self.attempts: list[tuple[float, str]] = []
        self.acknowledged: list[tuple[str, str, str]] = []
        self.latencies: list[float] = []
        self.lock = threading.Lock()
        self.began = 0.0

    def note(self, outcome: str, took: float) -> None:
        with self.lock:
            self.attempts.append((time.monotonic(), outcome))
            if outcome == "ok":
                self.latencies.append(took)


def _call(log: Log, url: str, body: dict, token: str, stop: threading.Event) -> dict | None:
    """POST with an Idempotency-Key; retry with the same key until acknowledged (or the run ends)."""
    key = uuid.uuid4().hex
    data = json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": key}
    while True:
        sent = time.monotonic()
        try:
            request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310 - our server
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                log.note("ok", time.monotonic() - sent)
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            log.note(str(error.code), 0)
            if error.code < 500:
                return None
            wait = float(error.headers.get("Retry-After", "1"))
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            log.note(f"connection: {type(getattr(error, 'reason', error)).__name__}", 0)
            wait = 0.2
        if stop.is_set():
            return None
        time.sleep(min(wait, 0.5))  # a test client backs off briefly; Retry-After says 30 s to people


def _report(log: Log, faults: dict[str, float], began: float, options, run: str) -> None:
    from casework.models import Event, FeedbackCase, Task
    from casework.services.audit import verify_chain

    outcomes = Counter(outcome for _, outcome in log.attempts)
    print(f"{len(log.attempts)} requests by {options.clients} clients over {time.monotonic() - began:.0f} s: {dict(outcomes)}")
    latencies = sorted(log.latencies) or [0.0]
    print(
        f"successful requests took {latencies[len(latencies) // 2] * 1000:.0f} ms (median), {latencies[-1] * 1000:.0f} ms at most"
    )
    for name, at in faults.items():
        after = [(t, outcome) for t, outcome in log.attempts if t >= at]
        errors = [t for t, outcome in after if outcome != "ok"]
        first_error = min(errors) - at if errors else None
        recovered = next((t for t, outcome in after if outcome == "ok"), None)
        window = [outcome for t, outcome in after if recovered is None or t <= recovered]
        print(
            f"{name} at {at - began:5.1f} s: first error after "
            f"{'none' if first_error is None else f'{first_error:.2f} s'}, "
            f"first success {'never' if recovered is None else f'{recovered - at:.2f} s'} after it; "
            f"errors before recovery: {dict(Counter(outcome for outcome in window if outcome != 'ok'))}"
        )
    logged = [entry for entry in log.acknowledged if entry[0] == "log"]
    asked = {reference for kind, _, reference in log.acknowledged if kind == "request_grounds"}
    lost = [r for _, _, r in logged if not FeedbackCase.objects.filter(reference=r).exists()]
    lost += [r for r in asked if not Event.objects.filter(feedback_case__reference=r, action="request_grounds").exists()]
    duplicates = sum(max(0, FeedbackCase.objects.filter(summary=f"Logged under fault {tag}").count() - 1) for _, tag, _ in logged)
    half_done = []
    # Every feedback case this run made, acknowledged or not (a client may give up on a change that was made).
    for feedback in FeedbackCase.objects.filter(case__reference__startswith=run):
        events = list(Event.objects.filter(feedback_case=feedback).values_list("action", flat=True))
        if events.count("log_feedback") != 1 or feedback.version - 1 != len(events) - 1:
            half_done.append(feedback.reference)
        elif not Task.objects.filter(feedback_case=feedback, code="consider_complaint").exists():
            half_done.append(feedback.reference)
    check = verify_chain()
    made = FeedbackCase.objects.filter(case__reference__startswith=run).count()
    print(f"acknowledged: {len(logged)} complaints logged, {len(asked)} grounds requested; {made} complaints in the database")
    print(f"lost acknowledged changes: {len(lost)}; done twice: {duplicates}; {len(half_done)} half-done transitions")
    print(f"audit trail: {'intact' if check.intact else 'BROKEN: ' + check.problem}, {check.events_checked} events")


def _prepare() -> tuple[str, str, list[str]]:
    from datetime import date

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from casework.models import ApiToken, Case, Organisation, ServiceUser, StaffProfile, Team
    from policy.facts import Role

    call_command("migrate", verbosity=0)
    team, _ = Team.objects.get_or_create(name="Faults team")
    user, created = User.objects.get_or_create(username="faults-caseworker", defaults={"first_name": "Fay"})
    if created:
        user.groups.add(Group.objects.get(name=Role.CASEWORKER))
        StaffProfile.objects.create(user=user, team=team)
    _, token = ApiToken.issue(user, "faults")
    run = f"F{uuid.uuid4().hex[:6]}-"
    cases = Case.objects.bulk_create(
        Case(
            reference=f"{run}{n:04d}",
            service_user=ServiceUser.objects.get_or_create(reference="BENCH-SU", defaults={"name": "A Person"})[0],
            organisation=Organisation.objects.get_or_create(name="A Trust")[0],
            team=team,
            case_owner=user,
            manager=user,
            stage="primary",
            risk="low",
            decision_date=date(2026, 11, 2),
            closure_reason="not_upheld",
        )
        for n in range(3000)
    )
    return token, run, [case.reference for case in cases]


def _ensure_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().split(") ")[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our server
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"The app server did not become ready at {url}")


if __name__ == "__main__":
    main()
