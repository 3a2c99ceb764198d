"""On SQLite two writers at the same moment wait for each other; neither fails "database is locked"."""

from __future__ import annotations

import threading
import time

import pytest
from django.conf import settings
from django.db import connections, transaction

ALIAS = "sqlite_writers"


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A SQLite file database of its own (not the test database), configured as the app's is."""
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "writers.sqlite3"),
        "OPTIONS": settings.SQLITE_OPTIONS,
    }
    connections.settings[ALIAS] = connections.configure_settings({"default": database, ALIAS: database})[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, seen INTEGER)")
        connections[ALIAS].close()
        yield ALIAS
    del connections.settings[ALIAS]


def write_after_reading(alias: str, hold: float, errors: list, seen: list) -> None:
    """A use case's shape: read, then write, in one transaction (the write upgrades the lock)."""
    try:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            (count,) = cursor.fetchone()
            time.sleep(hold)
            cursor.execute("INSERT INTO note (seen) VALUES (%s)", [count])
            seen.append(count)
    except Exception as error:  # noqa: BLE001 - the test reports whatever a writer hit
        errors.append(error)
    finally:
        connections[alias].close()


def test_two_writers_at_the_same_moment_both_succeed_one_after_the_other(sqlite_file):
    errors: list = []
    seen: list = []
    first = threading.Thread(target=write_after_reading, args=(sqlite_file, 0.5, errors, seen))
    second = threading.Thread(target=write_after_reading, args=(sqlite_file, 0, errors, seen))

    first.start()
    time.sleep(0.1)  # the second begins while the first holds its transaction open
    second.start()
    first.join(10)
    second.join(10)

    assert errors == []
    assert sorted(seen) == [0, 1]  # the second read after the first had committed: no lost update
