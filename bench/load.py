"""A mixed load on Redress as it runs in production: gunicorn with 2 workers on PostgreSQL, driven by Locust.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/load.py \\
        --database redress_pages_300000 [--users 20 --seconds 120] [--without-insight]

Needs Locust (`pip install -e '.[load]'`) and a database filled by bench/pages.py or
bench/insight.py (the generated staff are used). It signs the generated staff in (a session with
the second factor done, and an API token each), starts gunicorn with 2 workers on a free port,
and runs Locust headless for `--seconds` with `--users` simulated people, spread over:

- caseworkers reading: My work, the case list, one of their cases and a piece of its feedback,
  and the API's work list and case list;
- OAT reading: their queue (page and API), and now and then insight;
- people acting through the API: a caseworker logs a service complaint and the manager takes it
  from a first attempt to resolve it to closing it upheld (5 actions).

It prints the requests a second, the 50th, 95th and 99th percentiles and the errors, overall and
by kind of request, and writes bench/results/load.json. Not part of the test suite or CI.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from locust import HttpUser, between, tag, task

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
sys.path.insert(0, str(ROOT / "bench"))

import machine  # noqa: E402 - the header every benchmark's results start with

CREDENTIALS = "REDRESS_LOAD_CREDENTIALS"  # the file the simulated people's sign-ins are in


def main() -> None:
    args = _arguments()
    server = os.environ.get("DATABASE_URL", "")
    if urlsplit(server).scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit("bench/load.py runs on PostgreSQL only: set DATABASE_URL=postgres://user@host:5432/postgres")
    url = urlunsplit(urlsplit(server)._replace(path=f"/{args.database}"))
    folder = Path(tempfile.mkdtemp(prefix="redress-load-"))
    machine.without_uploads()
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "REDRESS_DATA_DIR": str(folder / "data"),
        "DJANGO_SETTINGS_MODULE": "redress.settings",
    }
    os.environ.update(environment)
    credentials = folder / "credentials.json"
    credentials.write_text(json.dumps(_sign_in_staff()))
    port = _free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own app
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "redress.wsgi:application",
            "--workers",
            "2",
            # Import the app once, before the workers are forked, as production does: no worker
            # spends its first requests importing modules.
            "--preload",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment,
    )
    try:
        _wait_for(port)
        load_before = os.getloadavg()
        prefix = folder / "locust"
        command = [str(Path(sys.executable).parent / "locust"), "-f", __file__, "--headless", "--only-summary"]
        command += ["--users", str(args.users), "--spawn-rate", str(max(1, args.users // 5)), "--run-time", f"{args.seconds}s"]
        command += ["--host", f"http://127.0.0.1:{port}", "--csv", str(prefix)]
        command += ["--exclude-tags", "insight"] if args.without_insight else []
        subprocess.run(command, cwd=ROOT, env={**environment, CREDENTIALS: str(credentials)}, check=False)  # noqa: S603
        load_after = os.getloadavg()
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    rows = _stats(Path(f"{prefix}_stats.csv"))
    result = {
        **machine.header(load_before, load_after),
        "database": args.database,
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn_workers": 2,
        "without_insight": args.without_insight,
        "requests": rows,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    _print(result)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", default="redress_pages_300000", help="a database filled by bench/pages.py or bench/insight.py"
    )
    parser.add_argument("--users", type=int, default=20, help="simulated people at once (default 20)")
    parser.add_argument("--seconds", type=int, default=120, help="how long the load runs (default 120)")
    parser.add_argument(
        "--without-insight",
        action="store_true",
        help="leave OAT's insight out of the mix: what the other requests wait for without it",
    )
    return parser.parse_args()


def _sign_in_staff() -> dict:
    """A session (second factor done) and an API token for each generated person the load uses."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from casework.models import ApiToken, Case

    def signed_in(user: User) -> dict:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Load", defaults={"confirmed": True})
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
        return {"username": user.username, "session": session.session_key, "token": ApiToken.issue(user, "load", days=1)[1]}

    caseworkers = []
    for user in User.objects.filter(username__startswith="gen-cw-").order_by("username"):
        cases = Case.objects.filter(case_owner=user).order_by("-id")
        references = list(cases.values_list("reference", flat=True)[:20])
        feedback = list(cases.filter(feedback__isnull=False).values_list("feedback__reference", flat=True)[:20])
        manager = user.profile.line_manager
        caseworkers.append({**signed_in(user), "cases": references, "feedback": feedback, "manager": signed_in(manager)})
    oat = [signed_in(user) for user in User.objects.filter(username__startswith="gen-oat-")]
    return {"caseworkers": caseworkers, "oat": oat}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int) -> None:
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _stats(path: Path) -> list[dict]:
    with path.open() as table:
        return [
            {
                "name": row["Name"] if row["Name"] != "Aggregated" else "all",
                "type": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "requests_per_second": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
            }
            for row in csv.DictReader(table)
        ]


def _print(result: dict) -> None:
    machine = result["machine"]
    print(f"\n{result['users']} users for {result['seconds']} s on gunicorn with 2 workers, {result['database']}")
    print(f"load average {machine['load_average_before']} before, {machine['load_average_after']} after\n")
    print(f"{'request':<40} {'count':>7} {'errors':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for row in result["requests"]:
        print(
            f"{row['name']:<40} {row['requests']:>7} {row['failures']:>7} {row['requests_per_second']:>7} "
            f"{row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f} {row['p99_ms']:>8.0f}"
        )


# --- the simulated people (Locust imports this file) ---------------------------------------------


def _people() -> dict:
    return json.loads(Path(os.environ[CREDENTIALS]).read_text())


class _Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def signed_in(self, who: dict) -> None:
        self.client.cookies.set("sessionid", who["session"])
        self.api = {"Authorization": f"Bearer {who['token']}"}


class CaseworkerReading(_Person):
    weight = 3

    def on_start(self) -> None:
        self.who = random.choice(_people()["caseworkers"])  # noqa: S311 - a simulation
        self.signed_in(self.who)

    @task(3)
    def my_work(self) -> None:
        self.client.get("/", name="page: My work")

    @task
    def case_list(self) -> None:
        self.client.get("/cases/", name="page: case list")

    @task(2)
    def a_case(self) -> None:
        if self.who["cases"]:
            self.client.get(f"/cases/{random.choice(self.who['cases'])}/", name="page: a case")  # noqa: S311

    @task(2)
    def feedback(self) -> None:
        if self.who["feedback"]:
            self.client.get(f"/feedback/{random.choice(self.who['feedback'])}/", name="page: feedback")  # noqa: S311

    @task(2)
    def api_reads(self) -> None:
        self.client.get("/api/v1/work", headers=self.api, name="api: work")
        self.client.get("/api/v1/cases", headers=self.api, name="api: cases")


class OatReading(_Person):
    weight = 1

    def on_start(self) -> None:
        self.signed_in(random.choice(_people()["oat"]))  # noqa: S311

    @task(4)
    def queue(self) -> None:
        self.client.get("/oat/", name="page: OAT's queue")
        self.client.get("/api/v1/oat/referrals", headers=self.api, name="api: OAT's referrals")

    @tag("insight")
    @task
    def insight(self) -> None:
        self.client.get("/insight/", name="page: insight")


class Acting(_Person):
    weight = 1

    def on_start(self) -> None:
        self.who = random.choice([person for person in _people()["caseworkers"] if person["cases"]])  # noqa: S311
        self.signed_in(self.who)
        self.manager = {"Authorization": f"Bearer {self.who['manager']['token']}"}

    @task
    def a_service_complaint_from_logging_to_closing(self) -> None:
        complaint = {"kind": "service_complaint", "received_date": date.today().isoformat(), "channel": "email"}
        complaint["summary"] = "Nobody called me back"
        case = random.choice(self.who["cases"])  # noqa: S311
        with self.client.post(
            f"/api/v1/cases/{case}/feedback", json=complaint, headers=self.api, name="api: log feedback", catch_response=True
        ) as logged:
            if logged.status_code != 201:
                logged.failure(f"{logged.status_code}: {logged.text[:200]}")
                return
            reference = logged.json()["reference"]
        for name, inputs in machine.SERVICE_PATH:
            with self.client.post(
                f"/api/v1/feedback/{reference}/actions/{name}",
                json=inputs,
                headers=self.manager,
                name="api: an action",
                catch_response=True,
            ) as acted:
                if acted.status_code != 200:
                    acted.failure(f"{name} {acted.status_code}: {acted.text[:200]}")
                    return


if __name__ == "__main__":
    main()
