"""Does one audit chain per feedback case let writers to different cases commit at the same time?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/redress_bench_audit .venv/bin/python bench/audit_chains.py

Runs --threads writers, each appending --events audit events to its own case, every transaction
holding its locks for --hold seconds (the rest of a use case's work: effects, letters), first with
one chain per case (as Redress writes) and then with every event forced onto one chain (as before:
one global lock). Prints events per second for each. The database is created if missing and must
be a throwaway one: the script writes cases and events to it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
os.environ.setdefault("DEBUG", "true")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--events", type=int, default=25)
    parser.add_argument("--hold", type=float, default=0.01)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a throwaway PostgreSQL database")

    import django

    django.setup()
    from datetime import date

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections, transaction

    from casework.models import Case, Organisation, ServiceUser, Team
    from casework.services import audit

    call_command("migrate", verbosity=0)
    team, _ = Team.objects.get_or_create(name="Bench team")
    user, _ = User.objects.get_or_create(username="bench")
    stamp = int(time.time())
    cases = [
        Case.objects.create(
            reference=f"B{stamp % 100000}-{n}",
            service_user=ServiceUser.objects.get_or_create(reference="BENCH-SU", defaults={"name": "A"})[0],
            organisation=Organisation.objects.get_or_create(name="B")[0],
            team=team,
            case_owner=user,
            manager=user,
            stage="primary",
            risk="low",
            decision_date=date(2026, 1, 1),
        )
        for n in range(options.threads)
    ]

    def run(label: str) -> None:
        start = threading.Barrier(options.threads + 1)

        def writer(case) -> None:
            start.wait()
            for number in range(options.events):
                with transaction.atomic(durable=True):
                    audit.record_event(user, "bench", f"Event {number}", case=case)
                    time.sleep(options.hold)
            connections.close_all()

        threads = [threading.Thread(target=writer, args=(case,)) for case in cases]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        total = options.threads * options.events
        print(f"{label:<32} {total} events in {elapsed:5.2f} s: {total / elapsed:6.0f} events/s")

    print(f"{options.threads} writers x {options.events} events, each transaction held {options.hold * 1000:.0f} ms")
    run("one chain per case")
    chain_of = audit.chain_of
    audit.chain_of = lambda **_: "bench-one-chain"
    run("one chain for everything (before)")
    audit.chain_of = chain_of
    call_command("verify_audit")


if __name__ == "__main__":
    main()
