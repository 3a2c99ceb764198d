"""`redress verify-audit` names the first event that was changed behind the application's back."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from casework.models import Event
from casework.services.audit import record_event


@pytest.mark.django_db(transaction=True)
def test_editing_an_audit_row_in_the_database_makes_verify_fail_and_name_it(caseworker, capsys):
    for number in range(3):
        with transaction.atomic():
            record_event(caseworker, "note", f"Note {number}")
    call_command("verify_audit")
    assert "3 events verified" in capsys.readouterr().out

    second = Event.objects.order_by("id")[1]
    Event.objects.filter(pk=second.pk).update(summary="Quietly rewritten")

    with pytest.raises(CommandError, match=f"event #{second.pk}"):
        call_command("verify_audit")
