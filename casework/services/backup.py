"""A backup is the database and the attached documents together, in one archive: documents live
outside the database (REDRESS_DATA_DIR/uploads), so a database dump alone loses them.

The database is dumped with Django's serializers (the same archive restores into SQLite or
PostgreSQL), inside one transaction so it is a consistent snapshot (REPEATABLE READ on
PostgreSQL); the documents are copied after it, so every document the dump names is in the archive.
A restore goes into a freshly migrated, empty database, and is kept only if the audit trail it
brings verifies; the checkpoint outside the database then moves to the restored trail's newest event.
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from casework.models import Case, Event, FeedbackCase
from casework.services import checkpoint
from casework.services.audit import verify_chain
from casework.services.uploads import uploads_dir

# Rebuilt by `migrate` in the new database (and referred to by their natural keys), or not worth
# keeping (sessions). Everything else keeps its id: audit events are sealed over the ids they name.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class RestoreRefused(Exception):
    pass


def backup(target: Path) -> dict:
    """Write the archive to `target`; return its manifest."""
    dump = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command("dumpdata", format="exactjson", exclude=EXCLUDED, natural_foreign=True, stdout=dump)
        newest = Event.objects.order_by("-id").first()
    data = dump.getvalue().encode()
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "records": len(json.loads(data)),
        "audit_events": Event.objects.filter(id__lte=newest.pk).count() if newest else 0,
        "newest_audit_event": {"id": newest.pk, "hash": newest.hash} if newest else None,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz") as archive:
        _add_bytes(archive, "database.json", data)
        if uploads_dir().is_dir():
            archive.add(uploads_dir(), arcname="uploads")
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def restore(source: Path) -> dict:
    """Load the archive into this (empty, migrated) database and its documents into the data folder."""
    if Case.objects.exists() or FeedbackCase.objects.exists() or Event.objects.exists():
        raise RestoreRefused("This database already holds casework: restore only into a new, migrated database")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(source, "r:gz") as archive:
        archive.extractall(scratch, filter="data")
        unpacked = Path(scratch)
        manifest = json.loads((unpacked / "manifest.json").read_text())
        with transaction.atomic():
            call_command("loaddata", str(unpacked / "database.json"), format="exactjson", verbosity=0)
            check = verify_chain_without_checkpoint()
            if not check.intact:
                raise RestoreRefused(f"The backup's audit trail does not verify ({check.problem}): nothing was restored")
        if (unpacked / "uploads").is_dir():
            shutil.copytree(unpacked / "uploads", uploads_dir(), dirs_exist_ok=True)
    newest = Event.objects.order_by("-id").first()
    if newest:
        checkpoint.advance(newest.pk, newest.hash, force=True)
    return {**manifest, "events_verified": check.events_checked}


def verify_chain_without_checkpoint():
    """The restored trail on its own: the checkpoint still names the newest event before the restore."""
    kept = checkpoint.path()
    aside = kept.with_suffix(".before-restore")
    if kept.exists():
        kept.replace(aside)
    try:
        return verify_chain()
    finally:
        if aside.exists():
            aside.replace(kept)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))
