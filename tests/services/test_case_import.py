"""Importing cases from the case management system's file: all or nothing, and idempotent."""

import io
import os
import re
from datetime import date

import pytest

from casework.models import AuditChainHead, Case, Decision, Event, Organisation, ServiceUser
from casework.services.audit import verify_chain
from casework.services.case_import import ImportRefused, import_cases
from tests.conftest import TODAY
from tests.imports import HEADER, csv_bytes, row


def run(actor, content: bytes, name: str = "cases.csv"):
    return import_cases(actor, io.BytesIO(content), len(content), name=name, today=TODAY)


def refusal(actor, content: bytes) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        run(actor, content)
    return [str(problem) for problem in refused.value.problems]


@pytest.fixture
def importer(caseworker, manager):  # the case owner and manager the rows name must exist
    from policy.facts import Role
    from tests.conftest import make_person

    return make_person("sam", Role.SHARED_SERVICES)


def snapshot():
    records = [model.objects.order_by("pk").values() for model in (Case, ServiceUser, Organisation, Decision)]
    return [list(values) for values in records], Event.objects.count(), list(AuditChainHead.objects.order_by("pk").values())


def test_a_file_creates_its_cases_each_with_an_audit_event_and_one_for_the_file(importer):
    outcome = run(importer, csv_bytes([row("CMS-1"), row("CMS-2", risk="high", stage="detailed", mp_involved="yes")]))
    assert outcome.created == ["CMS-1", "CMS-2"] and outcome.changed == [] and outcome.unchanged == 0
    second = Case.objects.get(reference="CMS-2")
    assert (second.risk, second.stage, second.mp_involved, second.decision_date) == ("high", "detailed", True, date(2026, 11, 2))
    assert second.team.name == "Team A" and second.case_owner.username == "cara" and second.manager.username == "manny"
    assert [event.action for event in second.events.all()] == ["import_case"]
    file_event = Event.objects.get(action="import_cases")
    assert file_event.actor == importer and file_event.after["created"] == 2 and file_event.after["file"] == "cases.csv"
    assert verify_chain().intact


def test_the_same_file_twice_changes_nothing_the_second_time(importer):
    content = csv_bytes([row(f"CMS-{n}", risk=("low", "medium", "high")[n % 3]) for n in range(30)])
    run(importer, content)
    before = snapshot()
    outcome = run(importer, content)
    assert outcome.created == [] and outcome.changed == [] and outcome.unchanged == 30
    assert snapshot() == before  # the same rows, every field the same, no audit event, no chain moved


def test_a_changed_row_updates_only_that_case_with_before_and_after(importer):
    run(importer, csv_bytes([row("CMS-1"), row("CMS-2")]))
    outcome = run(importer, csv_bytes([row("CMS-1"), row("CMS-2", risk="high", closed="no")]), name="later.csv")
    assert outcome.changed == ["CMS-2"] and outcome.unchanged == 1
    case = Case.objects.get(reference="CMS-2")
    assert (case.risk, case.closed) == ("high", False)
    event = case.events.order_by("pk").last()
    assert event.before == {"risk": "low", "closed": True} and event.after == {"risk": "high", "closed": False}
    assert event.summary == "Updated from later.csv: risk, closed"
    assert Event.objects.filter(action="import_cases").count() == 2
    assert verify_chain().intact


def test_an_update_follows_the_cases_own_audit_chain(importer, make_case):
    existing = make_case(reference="CMS-7", risk="low")
    from django.db import transaction

    from casework.services.audit import record_event

    with transaction.atomic():
        record_event(importer, "note", "Before the import", case=existing)
    run(importer, csv_bytes([row("CMS-7", risk="medium")]))
    assert [event.action for event in existing.events.order_by("pk")] == ["note", "import_case"]
    assert verify_chain().intact


def test_a_column_left_out_keeps_the_cases_value(importer, make_case):
    make_case(reference="CMS-8", joint_with_lgsco=True, supervised=True)
    run(importer, csv_bytes([row("CMS-8")]))
    case = Case.objects.get(reference="CMS-8")
    assert case.joint_with_lgsco and case.supervised


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column(importer):
    rows = [row(f"CMS-{n}") for n in range(10)]
    rows[6]["risk"] = "severe"
    assert refusal(importer, csv_bytes(rows)) == ["Row 8, risk: must be one of low, medium, high (not “severe”)"]
    assert not Case.objects.exists() and not Event.objects.exists() and not AuditChainHead.objects.exists()


def test_every_bad_row_and_column_is_named_in_the_users_words(importer, make_case, django_user_model):
    django_user_model.objects.filter(username="manny").update(is_active=False)
    problems = refusal(
        importer,
        csv_bytes(
            [
                row("CMS-1"),
                row("CMS-1"),
                row("CMS-2", team="Team Z", case_owner="nobody", stage="final", decision_date="2026-12-25"),
                row("CMS-3", service_user_email="alice@", service_user_postcode="12345", service_user=""),
                row("CMS 4", decision_date="31/02/2026", closed="maybe"),
            ]
        ),
    )
    assert problems == [
        "Row 2, manager: the user “manny” is no longer active",
        "Row 3, manager: the user “manny” is no longer active",
        "Row 3, reference: CMS-1 is also in row 2: each case must be in one row",
        "Row 4, team: there is no team called “Team Z”",
        "Row 4, case_owner: there is no user with the username “nobody”",
        "Row 4, manager: the user “manny” is no longer active",
        "Row 4, stage: must be one of primary, detailed (not “final”)",
        "Row 4, decision_date: 25 December 2026 is in the future",
        "Row 5, service_user: is empty: enter the service user's full name",
        "Row 5, service_user_email: “alice@” is not an email address, like name@example.com",
        "Row 5, service_user_postcode: “12345” is not a UK postcode, like SW1A 2AA",
        "Row 5, manager: the user “manny” is no longer active",
        "Row 6, reference: must be letters, numbers, hyphens, slashes or underscores, with no spaces",
        "Row 6, manager: the user “manny” is no longer active",
        "Row 6, decision_date: must be a date like 2026-03-31 or 31/03/2026 (not “31/02/2026”)",
        "Row 6, closed: must be yes or no (not “maybe”)",
    ]
    assert not Case.objects.exists()


def test_a_postcode_is_kept_in_capitals_with_its_space_and_dates_may_be_written_the_uk_way(importer):
    from casework.imports.columns import COLUMNS_BY_NAME

    assert COLUMNS_BY_NAME["service_user_postcode"].parse("sw1a2aa", None) == "SW1A 2AA"
    run(importer, csv_bytes([row("CMS-1", decision_date="02/11/2026")]))
    assert Case.objects.get().decision_date == date(2026, 11, 2)


def test_a_file_missing_a_column_is_refused_naming_it(importer):
    header = [name for name in HEADER if name not in ("risk", "team")]
    assert refusal(importer, csv_bytes([row()], header)) == ["The file is missing the columns team, risk"]


def test_a_column_we_do_not_import_is_refused_naming_it(importer):
    content = csv_bytes([row()]).replace(b"mp_involved", b"mp_involvd", 1)
    assert refusal(importer, content) == [
        "The first row names columns we do not import: “mp_involvd”. Check each name against the list of columns"
    ]


def test_a_file_not_in_utf8_is_refused_saying_how_to_save_it(importer):
    content = csv_bytes([row(), row("CMS-2", service_user="Zoë Brontë")]).decode().encode("cp1252")
    assert refusal(importer, content) == [
        "The file is not UTF-8 text (the first problem is on line 3): "
        "save it from your spreadsheet as “CSV UTF-8 (comma delimited)” and upload it again"
    ]


def test_ten_megabytes_of_garbage_are_refused_in_a_sentence(importer):
    problems = refusal(importer, os.urandom(10 * 1024 * 1024))  # whichever comes first: a NUL byte or a byte not UTF-8
    assert len(problems) == 1 and problems[0].startswith(("The file is not UTF-8 text", "Line 1 holds a NUL byte"))
    words = (b"lorem ipsum, dolor\n" * 600_000)[: 10 * 1024 * 1024]
    assert refusal(importer, words) == [
        "The first row names columns we do not import: “lorem ipsum”, “dolor”. Check each name against the list of columns"
    ]
    nul = csv_bytes([row()]) + b"CMS-2,\x00\r\n"
    assert refusal(importer, nul) == ["Line 3 holds a NUL byte: check it is a CSV file saved from a spreadsheet"]
    assert not Case.objects.exists()


def test_an_empty_file_and_a_file_with_only_its_header_are_refused(importer):
    assert refusal(importer, b"") == ["The file is empty"]
    assert refusal(importer, b"\r\n\r\n") == ["The file is empty: its first row must name the columns"]
    assert refusal(importer, csv_bytes([])) == ["The file has no cases in it: only the row naming the columns"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(importer, settings):
    settings.REDRESS_MAX_IMPORT_BYTES = 1024 * 1024
    content = csv_bytes([row(f"CMS-{n}") for n in range(20_000)])
    assert refusal(importer, content) == [
        f"The file must be smaller than 1 MB (it is {len(content) // (1024 * 1024)} MB): split it into smaller files"
    ]


def test_a_row_with_more_cells_than_columns_is_named(importer):
    content = csv_bytes([row("CMS-1")]) + csv_bytes([row("CMS-2")]).splitlines()[1] + b",spare\r\n"
    assert refusal(importer, content) == ["Row 3: it has 1 more cell than the first row has columns"]


def test_only_shared_services_import(caseworker):
    from casework.services.errors import NotFound

    with pytest.raises(NotFound, match="Only shared services import cases"):
        run(caseworker, csv_bytes([row()]))
    assert not Case.objects.exists()


def test_a_file_whose_lines_end_in_old_mac_returns_or_with_a_huge_cell_is_refused_in_plain_words(importer):
    content = csv_bytes([row("CMS-1"), row("CMS-2")]).replace(b"\r\n", b"\r")
    assert refusal(importer, content) == [
        "Line 1 is not valid CSV (its lines end in a way we cannot read): check it is a CSV file saved from a spreadsheet"
    ]
    huge = csv_bytes([row("CMS-1", service_user='"' + "x" * 200_000)])
    assert refusal(importer, huge)[0].startswith("Line 2 is not valid CSV (a cell is far too long)")


def test_a_file_registers_each_service_user_and_organisation_once_and_each_case_has_its_first_decision(importer):
    rows = [
        row("CMS-1", service_user_address="1 High Street; Leeds", service_user_phone="0300 061 4000"),
        row("CMS-2", decision_date="2026-10-01", report_issue_date="2026-10-05", organisation="Southgate Council"),
        row("CMS-3", service_user="Bob Green", service_user_email="", service_user_postcode=""),
    ]
    header = [*HEADER, "service_user_address", "service_user_phone", "report_issue_date"]
    for one in rows:
        one.setdefault("service_user_address", "1 High Street; Leeds")
        one.setdefault("service_user_phone", "0300 061 4000")
    outcome = run(importer, csv_bytes(rows, header))
    assert (outcome.people_registered, outcome.organisations_added) == (2, 2)
    alice = ServiceUser.objects.get(name="Alice Brown")
    assert (alice.email, alice.postcode, alice.address_lines, alice.phone) == (
        "alice@example.org", "SW1A 2AA", "1 High Street\nLeeds", "0300 061 4000"
    )  # fmt: skip
    assert alice.reference.startswith("SU-") and sorted(alice.cases.values_list("reference", flat=True)) == ["CMS-1", "CMS-2"]
    assert Case.objects.get(reference="CMS-2").organisation.name == "Southgate Council"
    assert [event.action for event in Event.objects.filter(chain=f"person:{alice.pk}")] == ["register_service_user"]
    decision = Decision.objects.get(case__reference="CMS-2")
    assert (decision.decided_on, decision.report_issue_date) == (date(2026, 10, 1), date(2026, 10, 5))
    assert Decision.objects.count() == 3
    assert verify_chain().intact


def test_a_service_user_is_found_by_reference_else_by_name_email_and_postcode_and_their_record_is_kept(importer):
    known = ServiceUser.objects.create(reference="SU-000007", name="Alice Brown", email="Alice@Example.org", postcode="SW1A 2AA")
    by_reference = ServiceUser.objects.create(reference="CMS-P-9", name="Carol White", email="carol@example.org")
    header = [*HEADER, "service_user_reference"]
    rows = [
        row("CMS-1", service_user_reference=""),  # the same name, email (ignoring case) and postcode
        row("CMS-2", service_user_reference="CMS-P-9", service_user="Carol Whyte"),  # the record keeps its name
        row("CMS-3", service_user_reference="", service_user_email="alice.brown@example.org"),  # someone else
        row("CMS-4", service_user_reference="CMS-P-10", service_user="Dan Black"),  # new, with the file's reference
    ]
    outcome = run(importer, csv_bytes(rows, header))
    assert outcome.people_registered == 2
    people = dict(Case.objects.values_list("reference", "service_user__reference"))
    assert people["CMS-1"] == known.reference and people["CMS-2"] == by_reference.reference == "CMS-P-9"
    assert people["CMS-3"] not in (known.reference, "CMS-P-9", "CMS-P-10") and people["CMS-4"] == "CMS-P-10"
    assert ServiceUser.objects.get(reference="CMS-P-9").name == "Carol White"
    numbered = people["CMS-3"]  # after the highest, in the same form (PostgreSQL's sequence may leave gaps)
    assert re.fullmatch(r"SU-\d{6}", numbered) and int(numbered.removeprefix("SU-")) > 7


def test_rows_naming_one_service_user_with_different_details_are_refused_naming_the_column(importer):
    header = [*HEADER, "service_user_reference", "service_user_phone"]
    rows = [
        row("CMS-1", service_user_reference="P-1", service_user_phone="0300 061 4000"),
        row("CMS-2", service_user_reference="P-1", service_user_phone="0300 061 4001"),
        row("CMS-3", service_user_phone="01234 567890"),
        row("CMS-4", service_user_phone="01234 567899"),
    ]
    assert refusal(importer, csv_bytes(rows, header)) == [
        "Row 3, service_user_phone: differs from row 2, which names the same service user: "
        "give their details the same on every row",
        "Row 5, service_user_phone: differs from row 4, which names the same service user: "
        "give their details the same on every row",
    ]
    assert not ServiceUser.objects.exists() and not Organisation.objects.exists()


def test_a_case_already_here_keeps_its_service_user_unless_the_row_names_another_by_reference(importer, make_case):
    case = make_case(reference="CMS-1", service_user="Alice Merged")  # say a duplicate was merged into this record
    other = ServiceUser.objects.create(reference="SU-000050", name="Alice Brown")
    run(importer, csv_bytes([row("CMS-1")]))
    case.refresh_from_db()
    assert case.service_user.name == "Alice Merged" and ServiceUser.objects.count() == 2
    run(importer, csv_bytes([row("CMS-1", service_user_reference="SU-000050")], [*HEADER, "service_user_reference"]))
    event = Case.objects.get(pk=case.pk).events.order_by("pk").last()
    assert event.after == {"service_user_id": other.pk} and event.summary.endswith(": service user")


def test_a_changed_decision_date_moves_the_cases_decision_with_it(importer):
    run(importer, csv_bytes([row("CMS-1")]))
    run(importer, csv_bytes([row("CMS-1", decision_date="2026-10-30")]))
    assert list(Decision.objects.values_list("decided_on", flat=True)) == [date(2026, 10, 30)]
    assert Case.objects.get().decision_date == date(2026, 10, 30)


def test_the_person_flags_are_not_import_columns_they_are_kept_on_the_persons_record(importer):
    content = csv_bytes([row()]).replace(b"mp_involved", b"reviews_go_to_oat_first", 1)
    assert refusal(importer, content)[0].startswith("The first row names columns we do not import: “reviews_go_to_oat_first”")


def test_the_date_the_complaint_was_received_is_imported_updated_and_audited(importer):
    header = [*HEADER, "received_on"]
    run(importer, csv_bytes([row("CMS-1", received_on="2026-10-01"), row("CMS-2", received_on="")], header))
    assert dict(Case.objects.values_list("reference", "received_on")) == {"CMS-1": date(2026, 10, 1), "CMS-2": None}

    outcome = run(importer, csv_bytes([row("CMS-1", received_on="05/10/2026"), row("CMS-2", received_on="")], header))

    assert outcome.changed == ["CMS-1"] and Case.objects.get(reference="CMS-1").received_on == date(2026, 10, 5)
    event = Case.objects.get(reference="CMS-1").events.order_by("pk").last()
    assert (event.before, event.after) == ({"received_on": "2026-10-01"}, {"received_on": "2026-10-05"})
    assert event.summary.endswith(": received on")
    assert verify_chain().intact


def test_a_received_date_to_come_or_after_the_decision_is_refused_naming_the_row_and_column(importer):
    header = [*HEADER, "received_on"]
    rows = [
        row("CMS-1", received_on="2026-12-25"),
        row("CMS-2", received_on="2026-11-03"),
        row("CMS-3", received_on="2026-11-02"),
    ]

    assert refusal(importer, csv_bytes(rows, header)) == [
        "Row 2, received_on: 25 December 2026 is in the future",
        "Row 3, decision_date: 2 November 2026 is before 3 November 2026, when we received the complaint: a decision cannot be dated before it",
    ]
    assert not Case.objects.exists() and not Event.objects.exists()


def test_a_file_without_received_dates_may_not_date_a_decision_before_the_one_a_case_has(importer):
    run(importer, csv_bytes([row("CMS-1", received_on="2026-10-01"), row("CMS-2")], [*HEADER, "received_on"]))
    before = snapshot()

    problems = refusal(importer, csv_bytes([row("CMS-1", decision_date="2026-09-30"), row("CMS-2", decision_date="2026-09-30")]))

    assert problems == [
        "Row 2, decision_date: 30 September 2026 is before 1 October 2026, when we received the complaint: a decision cannot be dated before it"
    ]
    assert snapshot() == before


class _ChangedAfterChecking(io.BytesIO):
    """A file that another program rewrites between the import's two readings of it."""

    def __init__(self, first: bytes, second: bytes):
        super().__init__(first)
        self.second, self.readings = second, 0

    def seek(self, offset, whence=io.SEEK_SET):
        if offset == 0 and whence == io.SEEK_SET:
            self.readings += 1
            if self.readings == 2:
                super().seek(0)
                super().write(self.second)
                super().truncate()
        return super().seek(offset, whence)


def test_a_file_that_changes_between_checking_and_writing_writes_nothing(importer):
    checked = csv_bytes([row("CMS-1"), row("CMS-2")])
    unchecked = csv_bytes([row("CMS-1"), row("CMS-2", service_user_email="not an email")])
    before = snapshot()
    with pytest.raises(ImportRefused) as refused:
        import_cases(importer, _ChangedAfterChecking(checked, unchecked), len(checked), name="cases.csv", today=TODAY)
    assert [str(problem) for problem in refused.value.problems] == [
        "The file changed while it was being imported: nothing was imported"
    ]
    assert snapshot() == before


def test_the_columns_read_again_as_given_only_check_their_cells():
    """The second reading takes these cells as they are: each must give back a good cell unchanged."""
    from casework.imports.columns import COLUMNS, Known

    known = Known(teams={}, active_users={}, inactive_users=frozenset(), today=TODAY)
    good = {
        **row("CMS/2026_01-7", service_user="Ann  O'Neill", service_user_email="Ann.O'Neill@Example.org"),
        "service_user_reference": "P-0001",
        "service_user_phone": "+44 (0)300 061-4000",
    }
    as_given = [column for column in COLUMNS if column.as_given]
    assert {column.name for column in as_given} == {
        "reference", "service_user_reference", "service_user", "service_user_email", "service_user_phone", "organisation"
    }  # fmt: skip
    for column in as_given:
        assert column.parse(good[column.name], known) == good[column.name]
        if not column.required:
            assert column.parse("", known) == ""
