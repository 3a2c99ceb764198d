"""The policy coverage table: read from the guidance, RULES.md, the code and the tests' markers."""

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
