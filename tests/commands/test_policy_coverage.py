"""The policy coverage table: read from the guidance, RULES.md, the code and the tests' markers."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from redress import coverage


def test_every_numbered_paragraph_of_the_guidance_is_listed():
    paragraphs = coverage.guidance_paragraphs(coverage.GUIDANCE.read_text())
    assert paragraphs[:3] == ["1", "2", "3"]
    assert "78" in paragraphs and coverage.ANNEX_A in paragraphs
    assert len(paragraphs) == 79


def test_enforce_paragraphs_are_read_from_the_rules_table():
    enforced = coverage.enforced_paragraphs(coverage.RULES_MD.read_text())
    assert {"3", "21", "35", "76"} <= enforced
    assert "2" not in enforced  # RECORD and GUIDE only


def test_tests_are_found_by_their_policy_marker(tmp_path: Path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_example.py").write_text(
        "import pytest\n\n@pytest.mark.policy('35', '36')\ndef test_one():\n    pass\n\ndef test_unmarked():\n    pass\n"
    )
    found = coverage.test_citations(tmp_path / "tests")
    assert found["35"] == ["tests/test_example.py::test_one"]
    assert found["36"] == ["tests/test_example.py::test_one"]
    assert not any("test_unmarked" in name for names in found.values() for name in names)


def test_an_enforce_paragraph_the_code_implements_without_a_test_fails_the_command(monkeypatch, tmp_path: Path):
    (tmp_path / "tests").mkdir()
    monkeypatch.setattr(coverage, "test_citations", lambda tests_dir: {})
    with pytest.raises(CommandError, match="35"):
        call_command("policy_coverage")


def test_the_command_passes_on_this_project(capsys):
    call_command("policy_coverage")
    assert "ENFORCE paragraphs in scope have tests" in capsys.readouterr().out


def enforce_rows() -> set[str]:
    """Every paragraph an ENFORCE row of RULES.md names, read here independently of the command."""
    found = set()
    for line in coverage.RULES_MD.read_text().splitlines():
        cells = line.strip("|").split("|")
        if line.startswith("|") and len(cells) == 4 and "ENFORCE" in cells[3]:
            found.update(part.strip() for part in cells[0].split(","))
    return found


def test_every_enforce_row_of_the_rules_table_is_reported(capsys):
    call_command("policy_coverage")
    reported = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line[8:15] == "ENFORCE"}

    assert enforce_rows() <= reported
    assert {"8", "10", "11", "70", "78"} <= reported


def test_enforce_paragraphs_that_no_rule_or_action_cites_are_named(monkeypatch, capsys):
    monkeypatch.setattr(coverage, "code_citations", lambda: {"35": ["rule policy.time_limits.decline"]})

    call_command("policy_coverage")

    uncited = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("No rule or action cites"))
    assert "3, 5, 8" in uncited and " 35" not in uncited


def test_a_paragraph_is_proven_only_when_the_last_mutation_run_killed_every_mutant_of_it(tmp_path: Path):
    result = tmp_path / "mutation.json"
    result.write_text(
        json.dumps(
            {
                "by_paragraph": {
                    "35": {"mutants": 3, "killed": 3, "survivors": []},
                    "36": {"mutants": 2, "killed": 1, "survivors": ["policy.time_limits.x_late__mutmut_2 (survived)"]},
                    "5": {"mutants": 1, "killed": 0, "survivors": ["policy.eligibility.x_same__mutmut_1 (survived)"]},
                    "22": {"mutants": 0, "killed": 0, "survivors": []},
                },
                "equivalent": {"policy.eligibility.x_same__mutmut_1": "no input tells it from the original"},
            }
        )
    )

    rows = {row.paragraph: row for row in coverage.coverage(mutation_result=result)}

    assert rows["35"].proven
    assert not rows["36"].proven and rows["36"].mutation.survivors == ("policy.time_limits.x_late__mutmut_2 (survived)",)
    assert rows["5"].proven  # its one survivor is listed as equivalent, with why
    assert not rows["22"].proven  # nothing was mutated
    assert not rows["70"].proven  # not in the run


def test_the_command_passes_without_a_mutation_run_and_says_none_has_been_run(monkeypatch, tmp_path: Path, capsys):
    monkeypatch.setattr(coverage, "MUTATION_RESULT", tmp_path / "none.json")

    call_command("policy_coverage")

    out = capsys.readouterr().out
    assert "Proven by a mutation run (none yet): 0 of" in out
    assert "proven " not in out
