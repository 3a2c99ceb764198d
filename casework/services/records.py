"""Small helpers the use cases share: snapshots for the audit trail, tasks, letters, references."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Model
from django.template import Context, Template
from django.utils import timezone

from casework.models import FeedbackCase, Letter, LetterTemplate, Task
from casework.services.errors import Refused
from policy.decisions import Reason
from policy.facts import Role
from policy.letters import closing_letter_refusals

AUDITED_FEEDBACK_FIELDS = (
    "state",
    "received_date",
    "channel",
    "summary",
    "reasonable_adjustments",
    "jr_in_prospect",
    "grounds_deadline",
    "grounds_received_date",
    "exceptional_reason",
    "exceptional_review_agreed",
    "legal_advice",
    "outcome_note",
    "late_feedback_decision",
    "handling_manager_id",
    "resolution_attempt",
    "oat_advice_question",
    "oat_advice",
    "kind",
)


def snapshot(record: Model, fields: tuple[str, ...] = AUDITED_FEEDBACK_FIELDS) -> dict[str, Any]:
    return {name: getattr(record, name) for name in fields}


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the values that changed, before and after."""
    changed = [name for name in after if before.get(name) != after[name]]
    return {name: before.get(name) for name in changed}, {name: after[name] for name in changed}


def next_reference(prefix: str, model) -> str:
    """The next reference in sequence. Called inside the use case's transaction."""
    last = model.objects.filter(reference__startswith=prefix).order_by("-reference").values_list("reference", flat=True).first()
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:06d}"


def open_task(
    feedback: FeedbackCase, code: str, subject: str, *, role: Role, body: str = "", assignee=None, due: date | None = None
) -> Task:
    return Task.objects.create(
        feedback_case=feedback,
        code=code,
        subject=subject,
        body=body,
        assigned_role=role,
        assigned_to=assignee,
        due_date=due,
        created_at=timezone.now(),
    )


def close_tasks(feedback: FeedbackCase, *codes: str, by) -> int:
    """Close the open tasks with these codes, or every open task when no code is given."""
    tasks = Task.objects.filter(feedback_case=feedback, status=Task.Status.OPEN)
    if codes:
        tasks = tasks.filter(code__in=codes)
    return tasks.update(status=Task.Status.DONE, closed_by=by, closed_at=timezone.now())


def write_letter(
    feedback: FeedbackCase,
    template_code: str,
    *,
    addressee: str,
    by,
    extra: dict | None = None,
    closing: bool = False,
    copied_to: str = "",
) -> Letter:
    """Render a letter from its template (reference data) and keep the text as sent.

    `closing` marks a letter that ends a review path: it must carry the end-of-process statement
    (para 74) whatever an administrator has since done to the template or its flag.
    """
    template = LetterTemplate.objects.get(code=template_code)
    # Plain text, escaped when shown on a page: keep "O'Brien" as written.
    context = Context({"feedback": feedback, "case": feedback.case, "author": by, **(extra or {})}, autoescape=False)
    body = Template(template.body).render(context)
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
    return Letter.objects.create(
        feedback_case=feedback,
        template=template,
        addressee=addressee,
        copied_to=copied_to,
        subject=Template(template.subject).render(context),
        body=body,
        created_by=by,
        created_at=timezone.now(),
    )
