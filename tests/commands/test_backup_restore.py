"""`redress backup` and `redress restore`: the database and the documents, back in a new database,
with an audit trail that verifies."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from casework.models import Attachment, Event, FeedbackCase
from casework.services.attachments import attach_document
from casework.services.uploads import uploads_dir
from tests.audit_tampering import tampering
from tests.documents import PDF, upload
from tests.services.conftest import REQUEST, complaint, walk

__all__ = ["complaint", "walk"]

# Each test empties the database in the middle; the data the migrations load is put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def casework(complaint, walk, caseworker):
    feedback = walk(complaint(), REQUEST)
    document = attach_document(caseworker, feedback.reference, upload("grounds.pdf", PDF), "grounds", "GP letter")
    return feedback, document


def start_afresh(settings, tmp_path):
    """A new, migrated, empty database and an empty data folder, as on a new server."""
    call_command("flush", interactive=False, verbosity=0)
    settings.DATA_DIR = tmp_path / "new-server"


def test_a_backup_restored_into_a_new_database_has_its_documents_and_verifies(casework, settings, tmp_path, capsys):
    feedback, document = casework
    events = Event.objects.count()
    call_command("backup", str(tmp_path / "backup.tar.gz"))

    start_afresh(settings, tmp_path)
    assert not FeedbackCase.objects.exists()
    call_command("restore", str(tmp_path / "backup.tar.gz"))
    call_command("verify_audit")

    output = capsys.readouterr().out
    assert f"audit trail intact, {events} events verified" in output
    assert f"Audit chain intact: {events} events verified" in output
    restored = FeedbackCase.objects.get(reference=feedback.reference)
    assert restored.state == feedback.state
    attachment = Attachment.objects.get(pk=document.pk)
    assert (uploads_dir() / attachment.stored_name).read_bytes() == PDF


def test_restore_refuses_a_database_that_already_holds_casework(casework, tmp_path):
    call_command("backup", str(tmp_path / "backup.tar.gz"))

    with pytest.raises(CommandError, match="already holds casework"):
        call_command("restore", str(tmp_path / "backup.tar.gz"))


def test_a_backup_whose_audit_trail_was_changed_is_not_restored(casework, settings, tmp_path):
    with tampering():
        Event.objects.filter(pk=Event.objects.first().pk).update(summary="Rewritten before the backup")
    call_command("backup", str(tmp_path / "backup.tar.gz"))
    start_afresh(settings, tmp_path)

    with pytest.raises(CommandError, match="does not verify"):
        call_command("restore", str(tmp_path / "backup.tar.gz"))

    assert not FeedbackCase.objects.exists()
