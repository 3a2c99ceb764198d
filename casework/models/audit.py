"""The audit trail: append-only, hash-chained, written in the same transaction as the change.

Each feedback case (or case, or the system) has its own chain, so actions on different cases never
wait for each other. Each event's hash is an HMAC, keyed with a secret held outside the database
(`REDRESS_AUDIT_KEY`), over its chain, its content and the hash before it: editing or removing a row
breaks every link after it, and nobody with only the database can reseal the chain. Each chain's
head is sealed too, and a checkpoint of the newest event is kept outside the database, so removing
the newest events is found even when the head is reset. `redress verify-audit` names the first break.

What an event says about people (its summary, and its before and after values but for the state and
plain flags and numbers) is sealed as a salted commitment rather than directly, so it can be erased
when its retention period ends: the commitment stays in the chain, the salt and the words go, and the
chain still verifies. Events written before commitments were introduced are sealed whole.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

GENESIS = "0" * 64
SYSTEM_CHAIN = "system"
ERASED = "Personal data erased"
PUBLIC_KEYS = {"state"}  # a state name says nothing about anyone; free text and names might


def public_part(values: dict) -> dict:
    """The values that are not personal data: the state, and flags and numbers."""
    return {
        key: value
        for key, value in values.items()
        if key in PUBLIC_KEYS or value is None or isinstance(value, bool | int | float)
    }


# What json.dumps(value, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":")) gives, with
# one encoder for every call: building an encoder each time was most of the cost of sealing.
canonical_json = DjangoJSONEncoder(sort_keys=True, separators=(",", ":")).encode


def commitment(salt: str, summary: str, before: dict, after: dict) -> str:
    """A salted hash of the personal part only: the public part is sealed directly."""
    return committed(salt, personal_json(summary, before, after))


def personal_json(summary: str, before: dict, after: dict) -> str:
    """An event's personal part as its commitment seals it: the summary, and the values that are
    not in the public part."""
    return canonical_json([summary, _personal_part(before), _personal_part(after)])


def committed(salt: str, personal: str) -> str:
    """The commitment to `personal_json`'s text, with its salt."""
    return hashlib.sha256(f"{salt}|{personal}".encode()).hexdigest()


def _personal_part(values: dict) -> dict:
    public = public_part(values)
    return {key: value for key, value in values.items() if key not in public}


def new_salt() -> str:
    return secrets.token_hex(16)


def new_salts(count: int) -> list[str]:
    """As many salts as `new_salt` gives one at a time, from one read of the random source."""
    random = secrets.token_hex(16 * count)
    return [random[start : start + 32] for start in range(0, 32 * count, 32)]


def seal(*parts: object, key: str | None = None) -> str:
    """HMAC-SHA256 of the parts, keyed with the audit key."""
    secret = (key if key is not None else settings.REDRESS_AUDIT_KEY).encode()
    return hmac.digest(secret, "|".join(map(str, parts)).encode(), "sha256").hex()


def sealer() -> Callable[..., str]:
    """`seal` of text parts with the audit key read once, for bulk writers sealing thousands."""
    secret = settings.REDRESS_AUDIT_KEY.encode()
    return lambda *parts: hmac.digest(secret, "|".join(parts).encode(), "sha256").hex()


def sealed_content(
    *,
    at: str,
    actor: int | None,
    actor_name: str,
    action: str,
    case: int | None,
    feedback_case: int | None,
    public_before: dict,
    public_after: dict,
    personal_commitment: str,
) -> dict:
    """What an event with a commitment seals (`at` in ISO format): its public part (`public_part`
    of before and after) and the commitment to the rest. `Event.content` gives it, and bulk writers
    build it without a model object."""
    return {
        "at": at,
        "actor": actor,
        "actor_name": actor_name,
        "action": action,
        "case": case,
        "feedback_case": feedback_case,
        "before": public_before,
        "after": public_after,
        "personal": personal_commitment,
    }


def content_json_of(
    *, at: str, actor: int | None, actor_name: str, action: str, public_before: dict, public_after: dict
) -> Callable[[int | None, str], str]:
    """For events that differ only in their case and personal commitment (a bulk writer's run of
    entries saying the same): `canonical_json(sealed_content(...))` of each, from the text common to
    them all, worked out once. Its keys are in the sorted order canonical_json writes."""
    head = (
        f'{{"action":{canonical_json(action)},"actor":{canonical_json(actor)},"actor_name":{canonical_json(actor_name)},'
        f'"after":{canonical_json(public_after)},"at":{canonical_json(at)},"before":{canonical_json(public_before)},"case":'
    )

    def content_json(case: int | None, personal_commitment: str) -> str:
        return f'{head}{canonical_json(case) if case is None else int(case)},"feedback_case":null,"personal":"{personal_commitment}"}}'

    return content_json  # a commitment is hexadecimal: JSON writes it as it is


class AuditChainHead(models.Model):
    """The last hash of one chain, locked by each writer to that chain, and sealed."""

    chain = models.CharField(max_length=60, unique=True)
    last_hash = models.CharField(max_length=64, default=GENESIS)
    seal = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.chain}: {self.last_hash}"

    def sealed(self) -> str:
        return self.seal_of(self.chain, self.last_hash)

    @staticmethod
    def seal_of(chain: str, last_hash: str) -> str:
        return seal("head", chain, last_hash)


class Event(models.Model):
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    case = models.ForeignKey("casework.Case", null=True, on_delete=models.PROTECT, related_name="events")
    feedback_case = models.ForeignKey("casework.FeedbackCase", null=True, on_delete=models.PROTECT, related_name="events")
    before = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    after = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    chain = models.CharField(max_length=60, default=SYSTEM_CHAIN)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    personal_commitment = models.CharField(max_length=64, blank=True, help_text="Sealed in place of the personal data")
    personal_salt = models.CharField(max_length=32, blank=True, help_text="Removed, with the personal data, on erasure")

    class Meta:
        ordering = ["id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are never changed: record a new event instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are never deleted")

    def content(self) -> dict:
        if self.personal_commitment:
            return sealed_content(
                at=self.at.isoformat(),
                actor=self.actor_id,
                actor_name=self.actor_name,
                action=self.action,
                case=self.case_id,
                feedback_case=self.feedback_case_id,
                public_before=public_part(self.before),
                public_after=public_part(self.after),
                personal_commitment=self.personal_commitment,
            )
        return {
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "summary": self.summary,
            "case": self.case_id,
            "feedback_case": self.feedback_case_id,
            "before": self.before,
            "after": self.after,
        }

    def commit_personal_data(self) -> None:
        self.personal_salt = new_salt()
        self.personal_commitment = commitment(self.personal_salt, self.summary, self.before, self.after)

    def personal_data_problem(self) -> str:
        """Why the personal part does not match its commitment, or '' when it does (or was properly erased)."""
        if not self.personal_commitment:
            return ""
        if self.personal_salt:
            if commitment(self.personal_salt, self.summary, self.before, self.after) != self.personal_commitment:
                return "its content does not match its seal: it was changed"
            return ""
        if self.summary != ERASED or self.before != public_part(self.before) or self.after != public_part(self.after):
            return "its content does not match its seal: it was changed after its personal data was erased"
        return ""

    def compute_hash(self, key: str | None = None) -> str:
        return self.hash_of(self.chain, self.previous_hash, self.content(), key=key)

    @staticmethod
    def hash_of(chain: str, previous_hash: str, content: dict, key: str | None = None) -> str:
        """The seal over an event's content (as `content()` gives it), linked to the hash before it."""
        return seal(chain, previous_hash, canonical_json(content), key=key)

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_name}"
