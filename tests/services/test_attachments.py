"""Attaching documents to feedback: the grounds for review (para 38) and evidence (para 30).

The type is read from the bytes; the file is kept outside the web root under a name we chose; a
refusal writes nothing, neither a file nor a row nor an audit event.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings

from casework.models import Attachment, Event
from casework.services import attachments
from casework.services.attachments import attach_document, open_attachment
from casework.services.errors import NotFound, Refused
from tests.documents import EXE, JPEG, PDF, PNG, RANDOM, TEXT, docx, upload


def attach(actor, feedback, name, content, kind="grounds", description=""):
    return attach_document(actor, feedback.reference, upload(name, content), kind, description)


def kept_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.policy("38")
def test_a_pdf_is_kept_under_the_data_dir_with_a_name_the_server_chose(caseworker, complaint, data_dir):
    feedback = complaint()
    attachment = attach(caseworker, feedback, "../../etc/My grounds.pdf", PDF, description="Their grounds")

    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", attachment.stored_name)
    assert attachment.original_name == "My grounds.pdf"  # shown only, and without the path it came with
    assert attachment.content_type == "application/pdf"
    assert (attachment.size, attachment.sha256) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    assert attachment.get_kind_display() == "Grounds for review: Challenge to our decision"
    stored = data_dir / "uploads" / attachment.stored_name
    assert kept_files(data_dir) == [stored]  # no temporary file left beside it
    assert stored.read_bytes() == PDF
    for served in (settings.STATIC_ROOT, *[Path(d) for d in getattr(settings, "STATICFILES_DIRS", [])]):
        assert not stored.resolve().is_relative_to(Path(served).resolve())
    assert not settings.MEDIA_ROOT or not stored.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_attaching_writes_exactly_one_audit_event(caseworker, complaint):
    feedback = complaint()
    before = Event.objects.count()
    attachment = attach(caseworker, feedback, "grounds.pdf", PDF)

    assert Event.objects.count() == before + 1
    event = Event.objects.latest("id")
    assert (event.action, event.feedback_case, event.actor) == ("attach_document", feedback, caseworker)
    assert event.after["sha256"] == attachment.sha256
    assert event.after["stored_name"] == attachment.stored_name
    assert "grounds.pdf" in event.summary


@pytest.mark.parametrize(
    "name, content, kind, content_type",
    [
        ("letter.docx", docx(), "evidence", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("photo.JPEG", JPEG, "evidence", "image/jpeg"),
        ("photo.jpg", JPEG, "other", "image/jpeg"),
        ("scan.png", PNG, "evidence", "image/png"),
        ("phone call.txt", TEXT, "grounds", "text/plain"),
        ("garage.txt", b"BMW garage: they did not fix the brakes", "evidence", "text/plain"),  # "BM" opens a bitmap too
    ],
)
def test_word_images_and_text_are_accepted_and_typed_from_their_bytes(caseworker, complaint, name, content, kind, content_type):
    attachment = attach(caseworker, complaint(), name, content, kind=kind)
    assert attachment.content_type == content_type
    assert attachment.stored_name.endswith(Path(name.lower()).suffix.replace(".jpeg", ".jpg"))


REFUSED = {
    "a PNG named .pdf": ("scan.pdf", PNG, "The file's name says .pdf but it is a PNG image"),
    "a PDF named .png": ("scan.png", PDF, "The file's name says .png but it is a PDF"),
    "text named .pdf": ("notes.pdf", TEXT, "The file's name says .pdf but it is a text file"),
    "a program": ("grounds.exe", EXE, "The file must be a PDF, Word document, JPEG, PNG or text file"),
    "a program named .pdf": ("grounds.pdf", EXE, "The file must be a PDF, Word document, JPEG, PNG or text file"),
    "random bytes": ("grounds.pdf", RANDOM, "The file must be a PDF, Word document, JPEG, PNG or text file"),
    "random bytes named .txt": ("grounds.txt", RANDOM, "The file must be a PDF, Word document, JPEG, PNG or text file"),
    "text with a NUL byte": ("grounds.txt", b"hello\x00world", "The file must be a PDF, Word document, JPEG, PNG or text file"),
    "a PDF without an extension": ("grounds", PDF, "The file must be a PDF, Word document, JPEG, PNG or text file"),
    "an empty file": ("grounds.pdf", b"", "The file is empty"),
}


@pytest.mark.policy("38")
@pytest.mark.parametrize("name, content, message", REFUSED.values(), ids=REFUSED.keys())
def test_a_file_we_do_not_accept_is_refused_and_nothing_is_written(caseworker, complaint, data_dir, name, content, message):
    feedback = complaint()
    events = Event.objects.count()
    with pytest.raises(Refused) as refused:
        attach(caseworker, feedback, name, content)
    assert [(r.paragraph, r.field, r.text) for r in refused.value.reasons] == [("38", "file", message)]
    assert (Attachment.objects.count(), Event.objects.count(), kept_files(data_dir)) == (0, events, [])


@pytest.mark.policy("30")
def test_a_file_over_the_limit_is_refused_citing_the_evidence_paragraph(caseworker, complaint, data_dir, settings):
    settings.REDRESS_MAX_UPLOAD_BYTES = 64
    feedback = complaint()
    attach(caseworker, feedback, "small.pdf", PDF[:64], kind="evidence")  # exactly at the limit is fine
    with pytest.raises(Refused) as refused:
        attach(caseworker, feedback, "big.pdf", PDF + b"\n" * 64, kind="evidence")
    assert [(r.paragraph, r.field, r.text) for r in refused.value.reasons] == [
        ("30", "file", "The file must be smaller than 64 bytes")
    ]
    assert Attachment.objects.count() == 1 and len(kept_files(data_dir)) == 1


def test_the_default_limit_is_ten_megabytes_and_said_so(caseworker, complaint):
    assert settings.REDRESS_MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    with pytest.raises(Refused, match="The file must be smaller than 10 MB"):
        attach(caseworker, complaint(), "big.pdf", PDF + b" " * (10 * 1024 * 1024))


def test_a_missing_file_and_an_unknown_kind_are_refused_together(caseworker, complaint):
    feedback = complaint()
    with pytest.raises(Refused) as refused:
        attach_document(caseworker, feedback.reference, None, "memo", "")
    assert refused.value.field_errors() == {"kind": ["Select what the document is"], "file": ["Select a file"]}


def test_the_file_is_removed_when_the_transaction_rolls_back(caseworker, complaint, data_dir, monkeypatch):
    feedback = complaint()

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit chain is locked")

    monkeypatch.setattr(attachments, "record_event", audit_fails)
    with pytest.raises(RuntimeError):
        attach(caseworker, feedback, "grounds.pdf", PDF)
    assert (Attachment.objects.count(), kept_files(data_dir)) == (0, [])


def test_the_outsider_can_neither_attach_nor_open_a_document(caseworker, outsider, complaint, data_dir):
    feedback = complaint()
    attachment = attach(caseworker, feedback, "grounds.pdf", PDF)
    with pytest.raises(NotFound):
        attach(outsider, feedback, "mine.pdf", PDF)
    with pytest.raises(NotFound):
        open_attachment(outsider, feedback.reference, attachment.pk)
    assert Attachment.objects.count() == 1 and len(kept_files(data_dir)) == 1


def test_someone_who_only_reads_the_feedback_cannot_attach_but_can_open(caseworker, ombudsman, complaint):
    feedback = complaint()
    attachment = attach(caseworker, feedback, "grounds.pdf", PDF)
    with pytest.raises(Refused, match="Only someone working on this feedback can attach a document"):
        attach(ombudsman, feedback, "mine.pdf", PDF)
    found, handle = open_attachment(ombudsman, feedback.reference, attachment.pk)
    with handle:
        assert (found, handle.read()) == (attachment, PDF)


def test_the_manager_and_oat_on_a_referral_may_attach(manager, oat, complaint, at_oat):
    feedback = complaint()
    assert attach(manager, feedback, "evidence.png", PNG, kind="evidence").uploaded_by == manager
    with pytest.raises(Refused):
        attach(oat, feedback, "notes.txt", TEXT, kind="other")  # not referred to OAT
    assert attach(oat, at_oat(), "notes.txt", TEXT, kind="other").uploaded_by == oat


def test_a_document_is_found_only_through_its_own_feedback(caseworker, complaint):
    first, second = complaint(), complaint()
    attachment = attach(caseworker, first, "grounds.pdf", PDF)
    with pytest.raises(NotFound):
        open_attachment(caseworker, second.reference, attachment.pk)
    found, handle = open_attachment(caseworker, first.reference, attachment.pk)
    with handle:
        assert handle.read() == PDF
