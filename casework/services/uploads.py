"""Checking an uploaded file and keeping it on disk, outside the web root, under a name we chose.

The type comes from the file's first bytes (the `filetype` library), never from its name or the
browser's Content-Type, both of which the sender controls. The name's extension must agree with it.
ClamAV scans it before it is kept; a PDF's active content is noted, to warn whoever opens it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import filetype
from django.conf import settings

from casework.services import scanning

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# What we accept: the detected type, what to call it, and the extensions its name may have.
ACCEPTED = {
    "application/pdf": ("a PDF", (".pdf",)),
    DOCX: ("a Word document", (".docx",)),
    "image/jpeg": ("a JPEG image", (".jpg", ".jpeg")),
    "image/png": ("a PNG image", (".png",)),
    "text/plain": ("a text file", (".txt",)),
}
ACCEPTED_EXTENSIONS = {extension for _, extensions in ACCEPTED.values() for extension in extensions}
WRONG_TYPE = "The file must be a PDF, Word document, JPEG, PNG or text file"


@dataclass(frozen=True)
class CheckedFile:
    name: str  # as sent, cleaned for display
    content: bytes
    content_type: str
    sha256: str
    active_content: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.content)


class Unacceptable(ValueError):
    """The file cannot be kept; the message says why, in the user's words."""


def check(upload, max_bytes: int) -> CheckedFile:
    """Read the upload (at most one byte over the limit) and refuse what we do not accept."""
    name = display_name(getattr(upload, "name", "") or "")
    too_big = Unacceptable(f"The file must be smaller than {_size_in_words(max_bytes)}")
    if (getattr(upload, "size", None) or 0) > max_bytes:
        raise too_big  # no need to read it to say so
    upload.seek(0)
    content = upload.read(max_bytes + 1)  # the size we were told may be wrong: read one byte past the limit
    if not content:
        raise Unacceptable("The file is empty")
    if len(content) > max_bytes:
        raise too_big
    content_type = detect(content)
    extension = PurePosixPath(name.lower()).suffix
    if content_type not in ACCEPTED or extension not in ACCEPTED_EXTENSIONS:
        raise Unacceptable(WRONG_TYPE)
    what, extensions = ACCEPTED[content_type]
    if extension not in extensions:
        raise Unacceptable(f"The file's name says {extension} but it is {what}")
    try:
        scanning.scan_for_malware(content)
    except (scanning.Infected, scanning.ScannerUnavailable) as problem:
        raise Unacceptable(str(problem)) from None
    active = tuple(scanning.pdf_active_content(content)) if content_type == "application/pdf" else ()
    return CheckedFile(name, content, content_type, hashlib.sha256(content).hexdigest(), active)


def detect(content: bytes) -> str | None:
    """The type the bytes show. Text has no signature: it is text if it is UTF-8 with no NUL bytes."""
    kind = filetype.guess(content)
    if kind is not None and kind.mime in ACCEPTED:
        return kind.mime
    # Some signatures are two or three letters ("BM" for a bitmap, "MZ" for a program): a note that
    # starts "BMW ..." is still text. Real bitmaps and programs are not valid UTF-8 without NULs.
    if _is_text(content):
        return "text/plain"
    return kind.mime if kind is not None else None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def display_name(raw: str) -> str:
    """The last part of the name as sent, without control characters; shown, never used as a path."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    return name[-255:] or "document"


def uploads_dir() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def store(checked: CheckedFile) -> str:
    """Write the file atomically under a random name; return that name."""
    directory = uploads_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored_name = uuid.uuid4().hex + ACCEPTED[checked.content_type][1][0]
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(checked.content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, directory / stored_name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return stored_name


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)


def path_of(stored_name: str) -> Path:
    # Stored names are ours (hex and an extension), but a name with a path in it must never reach the disk.
    if PurePosixPath(stored_name).name != stored_name or stored_name.startswith("."):
        raise ValueError(f"Not a stored file name: {stored_name!r}")
    return uploads_dir() / stored_name


def _size_in_words(size: int) -> str:
    megabytes, rest = divmod(size, 1024 * 1024)
    return f"{megabytes} MB" if megabytes and not rest else f"{size:,} bytes"
