"""Small helpers the use cases share: snapshots for the audit trail, tasks, letters, references."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from casework.letters.context import letter_context
from casework.letters.sandbox import TemplateError, names_used, render
from casework.models import FeedbackCase, Letter, LetterTemplate, Organisation, ReferenceCounter, ServiceUser, Task
from casework.read.addressing import recipient_for
from casework.read.facts import record_of
from casework.read.reference_cache import kept
from casework.services.errors import Refused
from casework.services.record_watch import create_record, opening_task, update_record
from policy.decisions import Reason
from policy.facts import Role
from policy.letters import JUDICIAL_REVIEW, Passage, closing_letter_refusals, paragraph_naming, required_passages

# Every column of the feedback case is audited except its own clock and its version: the event
# carries the time, and the events' order is the sequence of versions.
NOT_AUDITED = frozenset({"id", "updated_at", "version"})
AUDITED_FEEDBACK_FIELDS = tuple(field.attname for field in FeedbackCase._meta.concrete_fields if field.attname not in NOT_AUDITED)
RECORDS = "records"  # the key of the typed records in an audit event's before and after


def snapshot(feedback: FeedbackCase) -> dict[str, Any]:
    """Every audited column of the feedback case, as it is on the object."""
    return {name: getattr(feedback, name) for name in AUDITED_FEEDBACK_FIELDS}


def save_record(feedback: FeedbackCase, name: str, model: type[Model], **values: Any) -> Model:
    """The feedback's one-to-one record `name` (its grounds, review decision, ...), made or changed to
    these values, and kept on the feedback. An action loads the feedback locked with these records
    (`with_facts`), so whether it has one is known: update_or_create would read it again, locked,
    between two savepoints."""
    record = record_of(feedback, name)
    if record is None:
        record = create_record(model, feedback_case=feedback, **values)
    else:
        for field, value in values.items():
            setattr(record, field, value)
        update_record(record, *values)
    setattr(feedback, name, record)
    return record


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the values that changed, before and after; for typed records, only the records and
    columns that changed (a new record appears only after, a removed one only before)."""
    changed = [name for name in after if name != RECORDS and before.get(name) != after[name]]
    old, new = {name: before.get(name) for name in changed}, {name: after[name] for name in changed}
    old_records, new_records = _record_changes(before.get(RECORDS, {}), after.get(RECORDS, {}))
    if old_records or new_records:
        old[RECORDS], new[RECORDS] = old_records, new_records
    return old, new


def _record_changes(before: dict[str, dict], after: dict[str, dict]) -> tuple[dict[str, dict], dict[str, dict]]:
    old, new = {}, {}
    for key in before.keys() | after.keys():
        was, now = before.get(key), after.get(key)
        if was is None or now is None:
            old.update({key: was} if was is not None else {})
            new.update({key: now} if now is not None else {})
            continue
        changed = [name for name in now if was.get(name) != now[name]]
        if changed:
            old[key], new[key] = {name: was.get(name) for name in changed}, {name: now[name] for name in changed}
    return old, new


def next_reference(prefix: str, model) -> str:
    """The next reference in sequence. Called inside the use case's transaction."""
    return next_references(prefix, model, 1)[0]


# On PostgreSQL each kind of reference has its own sequence (made by migration 0026), so logs at the
# same moment take numbers without waiting for each other; elsewhere the prefix's counter row.
REFERENCE_SEQUENCES = {"FB-": "casework_feedback_reference_seq", "SU-": "casework_service_user_reference_seq"}


def next_references(prefix: str, model, count: int) -> list[str]:
    """The next `count` references in sequence. Called inside the use case's transaction.

    Never one already written, even some other way (an import, generated data, a restored backup):
    numbers at or below the highest reference of the prefix are passed over. A number taken by a
    transaction that rolls back is not reused: references may have gaps, never repeats.
    """
    last = model.objects.filter(reference__startswith=prefix).order_by("-reference").values_list("reference", flat=True).first()
    highest = int(last.removeprefix(prefix)) if last and last.removeprefix(prefix).isdigit() else 0
    sequence = REFERENCE_SEQUENCES.get(prefix)
    if connection.vendor == "postgresql" and sequence:
        numbers = _from_sequence(sequence, highest, count)
    else:
        numbers = _from_counter(prefix, highest, count)
    return [f"{prefix}{n:06d}" for n in numbers]


def _from_sequence(sequence: str, highest: int, count: int) -> list[int]:
    """`count` numbers above `highest` from the sequence, which never gives a number twice."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
        taken = sorted(number for (number,) in cursor.fetchall())
        numbers = [number for number in taken if number > highest]
        if len(numbers) < count:
            # Behind references written some other way: take enough more to pass the highest. Each
            # is larger than the last taken, so all but the first `highest - taken[-1]` are above it.
            short = count - len(numbers)
            cursor.execute(
                "SELECT number FROM (SELECT nextval(%s) AS number FROM generate_series(1, %s)) AS taken "
                "WHERE number > %s ORDER BY number LIMIT %s",
                [sequence, highest - taken[-1] + short, highest, short],
            )
            numbers += [number for (number,) in cursor.fetchall()]
    return numbers


def _from_counter(prefix: str, highest: int, count: int) -> list[int]:
    """One statement takes and raises the prefix's counter, holding its row until the transaction
    ends, so concurrent logs wait for each other instead of reading the same highest reference."""
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, last) VALUES (%s, %s) ON CONFLICT (prefix) DO UPDATE "  # noqa: S608 - a table name
            f"SET last = CASE WHEN excluded.last > {table}.last + %s THEN excluded.last ELSE {table}.last + %s END RETURNING last",
            [prefix, highest + count, count, count],
        )
        (number,) = cursor.fetchone()
    return list(range(number - count + 1, number + 1))


def open_task(
    feedback: FeedbackCase, code: str, subject: str, *, role: Role, body: str = "", assignee=None, due: date | None = None
) -> Task:
    with opening_task() as watch:
        task = Task.objects.create(
            feedback_case=feedback,
            code=code,
            subject=subject,
            body=body,
            assigned_role=role,
            assigned_to=assignee,
            due_date=due,
            created_at=timezone.now(),
        )
    if watch is not None:
        watch.opened_tasks.append(task)
    return task


def write_letter(
    feedback: FeedbackCase,
    template_code: str,
    *,
    addressee: ServiceUser | Organisation | str,
    by,
    extra: dict | None = None,
    closing: bool = False,
    copied_to: str = "",
    in_app: bool = False,
) -> Letter:
    """Render a letter from its template (reference data) as a draft for its author to check and send.

    The template renders in a sandbox over the letter context (`casework.letters`): plain values,
    `extra` being the action's own (its reasons, its message). `closing` marks a letter that ends a
    review path: it must carry the end-of-process statement (para 74) whatever an administrator has
    since done to the template or its flag. `in_app`: a notice to staff, delivered as it is written.
    """
    template = letter_templates().get(template_code)
    if template is None:
        raise LetterTemplate.DoesNotExist(f"No letter template {template_code}")
    recipient = recipient_for(feedback, addressee)
    needed = names_used(template.subject) | names_used(template.body)
    context = letter_context(feedback, by, timezone.localdate(), {"addressee": recipient.name, **(extra or {})}, needed)
    try:
        subject, body = render(template.subject, context), render(template.body, context)
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as error:
        problem = getattr(error, "message", None) or str(error)
        raise Refused(
            reasons=(
                Reason(
                    "-", f"The letter '{template.name}' cannot be written ({problem}): an administrator must correct its template"
                ),
            )
        )
    if closing or template.ends_internal_process:
        if closing_letter_refusals(body):
            raise Refused(
                reasons=(
                    Reason(
                        "74",
                        f"The letter template '{template.name}' does not say that our internal complaints process has ended: an administrator must correct it",
                    ),
                )
            )
    now = timezone.now()
    return Letter.objects.create(
        feedback_case=feedback,
        template=template,
        addressee=recipient.name,
        copied_to=copied_to,
        subject=subject.strip(),
        body=body,
        created_by=by,
        created_at=now,
        status=Letter.Status.DELIVERED if in_app else Letter.Status.DRAFT,
        channel=Letter.Channel.APP if in_app else recipient.channel,
        sent_by=by if in_app else None,
        sent_at=now if in_app else None,
        delivered_at=now if in_app else None,
        recipient_email=recipient.email,
        address=recipient.address,
        preferred_format=recipient.preferred_format,
        required_passages=[vars(passage) for passage in _required(body, closing or template.ends_internal_process, extra or {})],
    )


@kept
def letter_templates() -> dict[str, LetterTemplate]:
    """Every letter template by its code: reference data, read on each action that writes a letter."""
    return {template.code: template for template in LetterTemplate.objects.all()}


def _required(body: str, closing: bool, extra: dict) -> list[Passage]:
    """What the draft must keep: para 74's statement, a decline's reasons (para 35), JR signposting where chosen."""
    return required_passages(
        body,
        closing=closing,
        decline_reasons=str(extra.get("reasons") or "") if closing else "",
        signposts_jr=paragraph_naming(body, JUDICIAL_REVIEW) if extra.get("signpost_jr") else "",
    )
