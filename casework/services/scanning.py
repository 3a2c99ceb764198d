"""Looking inside an upload before it is kept: ClamAV's daemon for malware, and a PDF's active content.

clamd is reached over its socket (`CLAMD_SOCKET`: a path, or HOST:PORT) with the clamav-client
library. Production settings require it; a development or demo set-up without it keeps documents
unscanned and says so (`scanning_is_on`).
"""

from __future__ import annotations

import io
import logging
import re

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30


class Infected(ValueError):
    """ClamAV found something; the message names it in the user's words."""


class ScannerUnavailable(RuntimeError):
    """clamd is configured but did not answer: nothing is kept unscanned."""


def scanning_is_on() -> bool:
    return bool(settings.CLAMD_SOCKET)


def scan_for_malware(content: bytes) -> None:
    """Raise Infected if ClamAV finds malware, ScannerUnavailable if it cannot be asked."""
    if not scanning_is_on():
        logger.warning("Uploads are not scanned for malware: CLAMD_SOCKET is not set (development only)")
        return
    try:
        result = _clamd().instream(io.BytesIO(content))
    except (ClamdError, OSError) as problem:
        logger.error("clamd did not scan an upload: %s", problem)
        raise ScannerUnavailable("Documents cannot be checked for viruses just now. Try again later") from problem
    status, signature = result.get("stream", ("ERROR", None))
    if status == "FOUND":
        logger.warning("clamd found %s in an upload; it was not kept", signature)
        raise Infected(f"The file contains a virus or malware ({signature}) and was not kept")
    if status != "OK":
        raise ScannerUnavailable("Documents cannot be checked for viruses just now. Try again later")


def _clamd() -> ClamdUnixSocket | ClamdNetworkSocket:
    address = settings.CLAMD_SOCKET
    host, _, port = address.rpartition(":")
    if address.startswith("/") or not port.isdigit():
        return ClamdUnixSocket(address, timeout=TIMEOUT_SECONDS)
    return ClamdNetworkSocket(host, int(port), timeout=TIMEOUT_SECONDS)


# PDF names that make a document do something when opened, and what to call each for the reader.
ACTIVE_NAMES = {
    "JavaScript": "JavaScript",
    "JS": "JavaScript",
    "OpenAction": "an action that runs when it is opened",
    "AA": "actions that run on events",
    "Launch": "a command that starts a program",
    "EmbeddedFile": "embedded files",
    "EmbeddedFiles": "embedded files",
    "RichMedia": "embedded media",
    "XFA": "an XFA form",
}
NAME = re.compile(rb"/([A-Za-z0-9#]+)")
MAX_OBJECTS = 100_000  # a bound on the walk, so a crafted file cannot keep the server busy


def pdf_active_content(content: bytes) -> list[str]:
    """What in this PDF could act when it is opened, in words, sorted; empty for a passive document.

    Both the raw bytes (names may be spelt with #xx escapes) and, when the file parses, every object
    reachable from its trailer (which finds names inside compressed object streams)."""
    names = {_unescape(match) for match in NAME.findall(content)}
    names |= _names_in_objects(content)
    return sorted({ACTIVE_NAMES[name] for name in names if name in ACTIVE_NAMES})


def _unescape(raw: bytes) -> str:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _names_in_objects(content: bytes) -> set[str]:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        stack: list = [reader.trailer]
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError):
        return set()  # not parseable: the raw names are what we have
    names: set[str] = set()
    seen: set[tuple[int, int]] = set()
    for _ in range(MAX_OBJECTS):
        if not stack:
            break
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            try:
                item = item.get_object()
            except (PyPdfError, ValueError, KeyError, TypeError, RecursionError):
                continue
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                names.add(str(key).lstrip("/"))
                if key == "/S":
                    names.add(str(value).lstrip("/"))
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return names
