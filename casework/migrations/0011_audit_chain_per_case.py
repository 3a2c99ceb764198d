"""One audit chain per feedback case, sealed with a key held outside the database, and (on
PostgreSQL) a trigger that refuses any UPDATE or DELETE of an audit event.

The events written so far formed one chain of plain SHA-256 hashes. They are checked first (the
migration stops if any was changed), then resealed into their own case's chain with the key.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models

GENESIS = "0" * 64


def _canonical(event) -> str:
    content = {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "summary": event.summary,
        "case": event.case_id,
        "feedback_case": event.feedback_case_id,
        "before": event.before,
        "after": event.after,
    }
    return json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))


def _seal(*parts) -> str:
    return hmac.new(settings.REDRESS_AUDIT_KEY.encode(), "|".join(str(p) for p in parts).encode(), hashlib.sha256).hexdigest()


def reseal(apps, schema_editor):
    Event = apps.get_model("casework", "Event")
    Head = apps.get_model("casework", "AuditChainHead")
    previous = GENESIS
    events = list(Event.objects.order_by("id"))
    for event in events:
        legacy = hashlib.sha256(f"{event.previous_hash}|{_canonical(event)}".encode()).hexdigest()
        if event.previous_hash != previous or legacy != event.hash:
            raise RuntimeError(f"Audit event #{event.pk} was changed before this upgrade: investigate before migrating")
        previous = event.hash
    old_head = Head.objects.filter(pk=1).first()
    if old_head and old_head.last_hash != previous:
        raise RuntimeError("The newest audit events were removed before this upgrade: investigate before migrating")
    Head.objects.all().delete()
    heads: dict[str, str] = {}
    for event in events:
        if event.feedback_case_id:
            event.chain = f"feedback:{event.feedback_case_id}"
        elif event.case_id:
            event.chain = f"case:{event.case_id}"
        else:
            event.chain = "system"
        event.previous_hash = heads.get(event.chain, GENESIS)
        event.hash = _seal(event.chain, event.previous_hash, _canonical(event))
        heads[event.chain] = event.hash
    Event.objects.bulk_update(events, ["chain", "previous_hash", "hash"], batch_size=500)
    Head.objects.bulk_create(
        [Head(chain=chain, last_hash=last, seal=_seal("head", chain, last)) for chain, last in heads.items()]
    )


APPEND_ONLY = """
CREATE FUNCTION casework_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Audit events are append-only: % of casework_event refused', TG_OP;
END $$;
CREATE TRIGGER casework_event_append_only BEFORE UPDATE OR DELETE ON casework_event
    FOR EACH ROW EXECUTE FUNCTION casework_event_append_only();
"""
NOT_APPEND_ONLY = """
DROP TRIGGER IF EXISTS casework_event_append_only ON casework_event;
DROP FUNCTION IF EXISTS casework_event_append_only();
"""


def refuse_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY, params=None)


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NOT_APPEND_ONLY, params=None)


class Migration(migrations.Migration):
    dependencies = [("casework", "0010_concurrency_counters_versions")]

    operations = [
        migrations.AddField(model_name="event", name="chain", field=models.CharField(default="system", max_length=60)),
        migrations.AddField(model_name="auditchainhead", name="chain", field=models.CharField(default="system", max_length=60)),
        migrations.AddField(model_name="auditchainhead", name="seal", field=models.CharField(default="", max_length=64)),
        migrations.RunPython(reseal, elidable=False),  # irreversible: the trail is never unsealed
        migrations.AlterField(model_name="auditchainhead", name="chain", field=models.CharField(max_length=60, unique=True)),
        migrations.RunPython(refuse_changes, allow_changes),
    ]
