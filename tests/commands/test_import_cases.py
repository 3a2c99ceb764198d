"""`redress import-cases FILE.csv`: the operator's way to import, with a progress bar on a terminal."""

import io

import pytest
from django.core.management import CommandError, call_command

from casework.models import Case, Event
from policy.facts import Role
from tests.conftest import make_person
from tests.imports import csv_bytes, row


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def cases_file(tmp_path, caseworker, manager):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([row(f"CMS-{n}") for n in range(1200)]))
    return path


def test_it_imports_then_changes_nothing_the_second_time(cases_file):
    out = io.StringIO()
    call_command("import_cases", str(cases_file), stdout=out, stderr=io.StringIO())
    assert "cases.csv: 1200 rows in" in out.getvalue() and "1200 cases created, 0 changed, 0 unchanged." in out.getvalue()
    events = Event.objects.count()
    out = io.StringIO()
    call_command("import_cases", str(cases_file), stdout=out, stderr=io.StringIO())
    assert "0 cases created, 0 changed, 1200 unchanged." in out.getvalue()
    assert Event.objects.count() == events and Case.objects.count() == 1200


def test_a_terminal_sees_a_progress_bar_and_a_log_does_not(cases_file):
    terminal = Terminal()
    call_command("import_cases", str(cases_file), stdout=io.StringIO(), stderr=terminal)
    assert "\rChecking 1,000 rows" in terminal.getvalue()
    assert "\rWriting [##############################] 1,200/1,200 rows" in terminal.getvalue()
    log = io.StringIO()
    call_command("import_cases", str(cases_file), stdout=io.StringIO(), stderr=log)
    assert log.getvalue() == ""


def test_a_bad_file_lists_its_problems_and_imports_nothing(tmp_path, caseworker, manager):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([row("CMS-1"), row("CMS-2", team="Nowhere")]))
    errors = io.StringIO()
    with pytest.raises(CommandError, match=r"Nothing was imported: bad.csv has 1 problem\(s\)"):
        call_command("import_cases", str(path), stdout=io.StringIO(), stderr=errors)
    assert errors.getvalue() == "Row 3, team: there is no team called “Nowhere”\n"
    assert not Case.objects.exists()


def test_a_missing_file_and_an_unknown_importer_are_said_plainly(tmp_path, cases_file):
    with pytest.raises(CommandError, match="Cannot open .*nothing.csv: No such file or directory"):
        call_command("import_cases", str(tmp_path / "nothing.csv"))
    with pytest.raises(CommandError, match="--by: there is no active user with the username 'nobody'"):
        call_command("import_cases", str(cases_file), by="nobody")


def test_the_audit_trail_names_who_the_operator_says_imported_it(cases_file):
    sam = make_person("sam", Role.SHARED_SERVICES)
    with pytest.raises(CommandError, match="--by: cara is not in shared services, who import cases"):
        call_command("import_cases", str(cases_file), by="cara")
    call_command("import_cases", str(cases_file), by="sam", stdout=io.StringIO(), stderr=io.StringIO())
    assert Event.objects.get(action="import_cases").actor == sam
