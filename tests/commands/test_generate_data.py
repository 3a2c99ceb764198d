"""`redress generate-data` adds synthetic feedback and says how much it made and how long it took."""

import pytest
from django.core.management import CommandError, call_command

from casework.models import FeedbackCase


@pytest.mark.django_db
def test_generate_data_makes_the_feedback_asked_for_and_reports_the_rows_and_time(capsys):
    call_command("generate_data", "--years", "2", "--per-year", "25", "--seed", "4", "--journeys", "4", "--today", "2026-11-27")
    out = capsys.readouterr().out
    assert FeedbackCase.objects.filter(reference__startswith="GFB-").count() == 50
    assert out.startswith("Made ") and " rows in " in out and "50 feedback cases" in out


@pytest.mark.django_db
def test_generate_data_refuses_nothing_to_make():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_data", "--years", "0")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_data", "--journeys", "0")
