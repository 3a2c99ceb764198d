"""A manager moves cases to another case owner; someone working on feedback adds a file note.

Both are audited: a reassignment is an event on each case, with the reason; a file note is an
event on the feedback, so it reads in the timeline with everything else that happened.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from casework.models import Case, Task
from casework.models.staff import roles_of, team_of
from casework.read import access
from casework.services.audit import record_event
from casework.services.errors import NotFound, Refused
from casework.services.notices import tell_of_task
from policy.decisions import Reason
from policy.facts import Role

NOT_THE_GUIDANCE = "-"  # a rule of the service, not a paragraph of the guidance
NOT_WORKING_ON_IT = "Only someone working on this feedback can add a file note"


def may_add_note(actor, feedback) -> bool:
    """Those who hold a role on the feedback: not OAT or Legal before it is put to them, nor another team's manager."""
    return bool(access.roles_on(actor, feedback))


def reassign_case_owner(actor, case_references: list[str], new_owner_id: int | None, reason: str) -> list[Case]:
    """Give each case (and its open feedback) to another caseworker in its team, all or none."""
    problems = []
    if Role.MANAGER not in roles_of(actor):
        raise NotFound("Only a manager can reassign cases")
    if not case_references:
        problems.append(Reason(NOT_THE_GUIDANCE, "Select at least one case to reassign", field="cases"))
    if not (reason or "").strip():
        problems.append(Reason(NOT_THE_GUIDANCE, "Enter why the cases are reassigned", field="reason"))
    new_owner = get_user_model().objects.filter(pk=new_owner_id, is_active=True).first() if new_owner_id else None
    if new_owner is None or Role.CASEWORKER not in roles_of(new_owner):
        problems.append(Reason(NOT_THE_GUIDANCE, "Select the caseworker who will own the cases", field="new_owner"))
    if problems:
        raise Refused(reasons=tuple(problems))
    with transaction.atomic(durable=True):
        cases = list(access.visible_cases(actor).select_for_update(of=("self",)).filter(reference__in=case_references))
        missing = set(case_references) - {case.reference for case in cases}
        if missing:
            raise NotFound(f"No case {', '.join(sorted(missing))} that you can see")
        for case in cases:
            if case.manager_id != actor.pk and case.team != team_of(actor):
                raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, f"{case.reference} is not in your team", field="cases"),))
            if team_of(new_owner) != case.team:
                raise Refused(
                    reasons=(Reason(NOT_THE_GUIDANCE, f"{new_owner.get_full_name()} is not in {case.team}", field="new_owner"),)
                )
        for case in cases:
            old = case.case_owner
            if old == new_owner:
                continue
            case.case_owner = new_owner
            case.save(update_fields=["case_owner"])
            handed_over = list(Task.objects.filter(feedback_case__case=case, assigned_to=old, status=Task.Status.OPEN))
            Task.objects.filter(pk__in=[task.pk for task in handed_over]).update(assigned_to=new_owner)
            for task in handed_over:
                tell_of_task(task, new_owner)
            record_event(
                actor,
                "reassign_case_owner",
                f"Case owner changed from {old.get_full_name() or old.username} to "
                f"{new_owner.get_full_name() or new_owner.username}: {reason.strip()}",
                case=case,
                before={"case_owner": old.pk},
                after={"case_owner": new_owner.pk, "reason": reason.strip()},
            )
    return cases


def add_file_note(actor, reference: str, note: str):
    """A note to the file on a piece of feedback, kept in its audited timeline."""
    text = (note or "").strip()
    if not text:
        raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, "Enter the note", field="note"),))
    with transaction.atomic(durable=True):
        feedback = access.feedback_for(actor, reference)
        if not may_add_note(actor, feedback):
            raise Refused(reasons=(Reason(NOT_THE_GUIDANCE, NOT_WORKING_ON_IT, field="note"),))
        return record_event(actor, "file_note", f"File note: {text}", feedback_case=feedback, after={"note": text})
