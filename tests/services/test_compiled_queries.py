"""A query compiled once a process (`casework.read.compiled`) gives what the ORM gives for every
value put in it, a constant that once equalled a value stays a constant, and a query kept by one
thread runs on another thread's connection (a threaded server, the live test server)."""

from __future__ import annotations

import threading

from django.contrib.auth.models import Group
from django.db import connections
from django.db.models import Q

from casework.read import compiled


def _named(name: str):
    return lambda: Group.objects.filter(Q(name=name) | Q(name="caseworker")).order_by("name")


def test_each_value_gives_what_the_orm_gives_and_a_constant_equal_to_a_value_stays_a_constant(db):
    names = ["caseworker", "group-a", "group-b", "group-c"]
    for name in names:  # made here: a transactional test before this one may have emptied the table
        Group.objects.get_or_create(name=name)

    for name in ["caseworker", *names, "caseworker", names[-1]]:  # the first run's value equals the constant
        assert compiled.rows(("groups", "named"), _named(name), name=name) == list(_named(name)())


def test_a_query_kept_by_one_thread_runs_on_another_threads_connection(db):
    # Names no group has: the other thread's connection sees only what is committed, and finding
    # nothing on its own connection is what is asked of it.
    for name in ("nobody-1", "nobody-2"):  # the second confirms the value's place
        compiled.rows(("groups", "by name"), lambda name=name: Group.objects.filter(name=name), name=name)
    found: list = []

    def elsewhere():
        try:
            found.append(compiled.rows(("groups", "by name"), lambda: Group.objects.filter(name="nobody-3"), name="nobody-3"))
        except Exception as error:  # noqa: BLE001 - reported to the test's thread
            found.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()

    assert found == [[]]


def test_tuples_give_what_values_list_gives_for_each_value(db):
    names = ["caseworker", "group-a", "group-b"]
    for name in names:
        Group.objects.get_or_create(name=name)

    def named(name):
        return lambda: _named(name)().values_list("pk", "name")

    for name in ["caseworker", *names, names[-1]]:
        assert compiled.tuples(("groups", "named, as tuples"), named(name), name=name) == list(named(name)())


def test_a_query_django_knows_finds_nothing_finds_nothing(db):
    assert compiled.rows(("groups", "none"), lambda: Group.objects.filter(pk__in=[])) == []
    assert compiled.tuples(("groups", "none, as tuples"), lambda: Group.objects.filter(pk__in=[]).values_list("pk")) == []
