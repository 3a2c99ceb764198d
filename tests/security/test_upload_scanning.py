"""Uploads are scanned by ClamAV before they are kept, and a PDF's active content is flagged to
whoever opens it. The EICAR test file stands in for malware: every ClamAV database detects it,
including the one-signature database `bin/clamd-local` loads when freshclam's is not installed."""

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from clamav_client.clamd import ClamdError
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from casework.models import Attachment
from casework.services import scanning
from casework.services.attachments import attach_document
from casework.services.errors import Refused
from casework.services.feedback import NewFeedback, log_feedback
from policy.facts import Channel, FeedbackKind
from tests.api.conftest import ApiClient
from tests.documents import PDF, upload
from tests.security.helpers import signed_in
from tests.security.test_headers import REPO, production_env

LOCAL_SOCKET = Path(__file__).resolve().parents[2] / "var" / "clamav" / "clamd.sock"
# The industry's test file, assembled here so that no file in the repository is itself "malware".
EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR" + "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()


@pytest.fixture
def clamd(settings):
    """clamd's socket: CLAMD_SOCKET, or the one `bin/clamd-local` starts. CI requires it (REDRESS_REQUIRE_CLAMD)."""
    socket = os.environ.get("CLAMD_SOCKET") or (str(LOCAL_SOCKET) if LOCAL_SOCKET.exists() else "")
    settings.CLAMD_SOCKET = socket
    if not socket or not _answers():
        if os.environ.get("REDRESS_REQUIRE_CLAMD"):
            pytest.fail("clamd is required: run bin/clamd-local")
        pytest.skip("clamd is not running: run bin/clamd-local")
    return socket


def _answers() -> bool:
    try:
        return scanning._clamd().ping() == "PONG"
    except (ClamdError, OSError):
        return False


@pytest.fixture
def feedback(make_case, caseworker):
    new = NewFeedback(FeedbackKind.DECISION_COMPLAINT, date(2026, 11, 20), Channel.EMAIL, "Wrong")
    return log_feedback(caseworker, make_case(), new, date(2026, 11, 27))


def test_the_eicar_test_file_is_refused_and_nothing_is_kept(clamd, caseworker, feedback, data_dir):
    with pytest.raises(Refused) as refused:
        attach_document(caseworker, feedback.reference, upload("note.txt", EICAR), "evidence", "")
    assert "virus" in refused.value.reasons[0].text and refused.value.reasons[0].field == "file"
    assert not Attachment.objects.exists()
    assert not list((data_dir / "uploads").glob("*")) if (data_dir / "uploads").exists() else True


def test_the_eicar_file_is_refused_on_the_page_with_the_reason(clamd, caseworker, feedback):
    response = signed_in(caseworker).post(
        f"/feedback/{feedback.reference}/attachments/new/", {"kind": "evidence", "file": upload("note.txt", EICAR)}
    )
    assert response.status_code == 400 and b"contains a virus" in response.content
    assert not Attachment.objects.exists()


def test_a_clean_file_is_scanned_and_kept(clamd, caseworker, feedback):
    attachment = attach_document(caseworker, feedback.reference, upload("grounds.pdf", PDF), "grounds", "")
    assert attachment.active_content == ""


def test_when_clamd_does_not_answer_nothing_is_kept_unscanned(settings, caseworker, feedback, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "no-such.sock")
    with pytest.raises(Refused) as refused:
        attach_document(caseworker, feedback.reference, upload("grounds.pdf", PDF), "grounds", "")
    assert "cannot be checked for viruses" in refused.value.reasons[0].text
    assert not Attachment.objects.exists()


def test_without_clamd_a_development_set_up_says_documents_are_not_scanned(settings, caseworker, feedback):
    settings.CLAMD_SOCKET = ""
    page = signed_in(caseworker).get(f"/feedback/{feedback.reference}/attachments/new/")
    assert b'id="unscanned"' in page.content


def test_production_settings_refuse_to_start_without_clamd(tmp_path):
    env = production_env(tmp_path)
    env.pop("CLAMD_SOCKET")
    env.pop("VIRUS_SCAN_REQUIRED", None)
    script = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "CLAMD_SOCKET" in result.stderr


def crafted_pdf(**active) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if active.get("javascript"):
        writer.add_open_action(JavaScript("app.alert(1);"))
    if active.get("embedded"):
        writer.add_attachment("payload.txt", b"hidden")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_plain_pdf_has_no_active_content():
    assert scanning.pdf_active_content(crafted_pdf()) == []


def test_javascript_embedded_files_and_actions_in_a_pdf_are_named():
    assert "JavaScript" in scanning.pdf_active_content(crafted_pdf(javascript=True))
    assert "embedded files" in scanning.pdf_active_content(crafted_pdf(embedded=True))
    launch = PDF.replace(b"<< /Type /Catalog >>", b"<< /Type /Catalog /OpenAction << /S /Launch /F (calc.exe) >> >>")
    assert scanning.pdf_active_content(launch) == ["a command that starts a program", "an action that runs when it is opened"]


def test_a_name_spelt_with_escapes_is_still_found():
    hidden = PDF.replace(b"<< /Type /Catalog >>", b"<< /Type /Catalog /Names << /J#61vaScript 2 0 R >> >>")
    assert scanning.pdf_active_content(hidden) == ["JavaScript"]


def test_whoever_opens_a_pdf_with_javascript_is_warned_on_the_document_link(settings, caseworker, feedback):
    settings.CLAMD_SOCKET = ""
    attach_document(caseworker, feedback.reference, upload("grounds.pdf", crafted_pdf(javascript=True)), "grounds", "")
    page = signed_in(caseworker).get(f"/feedback/{feedback.reference}/")
    assert b"active-content" in page.content and b"This PDF contains JavaScript" in page.content
    listed = ApiClient(caseworker).get(f"/feedback/{feedback.reference}/attachments").json()
    assert listed[0]["active_content"] == "JavaScript"
