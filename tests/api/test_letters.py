"""Letters through the API, as on the letter page: the author lists, reads, edits (keeping what the
guidance requires) and sends a draft; an edit or send from an older version is 412; others read
but cannot change it; those who may not see what was said get 404."""

from __future__ import annotations

import json

import pytest

from casework.models import Event, Letter, OutgoingEmail
from casework.services.feedback import take_action
from policy.letters import END_OF_PROCESS
from tests.api.conftest import API, errors_of
from tests.conftest import make_person
from tests.services.conftest import AFTER_DEADLINE, INVITE, LATE, REQUEST, grounds_on


@pytest.fixture
def declined(complaint, make_case, walk, caseworker):
    """A closing letter drafted by the case owner: it must say our internal process has ended (para 74)."""
    feedback = walk(complaint(make_case()), REQUEST, grounds_on(LATE), INVITE)
    take_action(caseworker, feedback.reference, "decline_for_time", {"reasons": "No reason given"}, AFTER_DEADLINE)
    return Letter.objects.get(feedback_case=feedback, template__code="time_limit_decline")


def path_of(letter: Letter, end: str = "") -> str:
    return f"/feedback/{letter.feedback_case.reference}/letters/{letter.pk}{end}"


def send(client, letter: Letter, body: dict, **headers):
    return client.client.post(
        API + path_of(letter, "/send"), json.dumps(body), content_type="application/json", headers={**client.headers, **headers}
    )


def test_the_author_lists_reads_edits_and_sends_a_draft(api, caseworker, declined):
    client = api(caseworker)

    [listed] = [
        letter
        for letter in client.get(f"/feedback/{declined.feedback_case.reference}/letters").json()
        if letter["id"] == declined.pk
    ]
    assert listed["status"] == "draft" and listed["subject"] == declined.subject
    read = client.get(path_of(declined))
    shown = read.json()
    assert (shown["may_edit"], shown["may_send"], shown["body"]) == (True, True, declined.body)
    assert {"paragraph": "74", "text": END_OF_PROCESS} in [
        {"paragraph": passage["paragraph"], "text": passage["text"]} for passage in shown["required_passages"]
    ]
    assert shown["pdf_url"] == f"{API}{path_of(declined, '/pdf')}"

    edited = client.patch(path_of(declined), {"subject": "Your review"}, **{"If-Match": read["ETag"]})
    assert edited.status_code == 200, edited.json()
    assert (edited.json()["subject"], edited.json()["body"]) == ("Your review", declined.body)
    assert edited["ETag"] != read["ETag"]
    assert Event.objects.filter(action="edit_letter", feedback_case=declined.feedback_case).count() == 1

    sent = send(client, declined, {"channel": "email", "email": "alice@example.org"}, **{"If-Match": edited["ETag"]})
    assert sent.status_code == 200, sent.json()
    assert (sent.json()["status"], sent.json()["recipient_email"], sent.json()["may_edit"]) == (
        "queued",
        "alice@example.org",
        False,
    )
    assert [email["status"] for email in sent.json()["emails"]] == ["queued"]
    assert OutgoingEmail.objects.get(letter=declined).subject == "Your review"

    again = client.patch(path_of(declined), {"subject": "Too late"})
    assert again.status_code == 422 and "This letter has been sent" in again.json()["detail"]


@pytest.mark.policy("74")
def test_removing_the_end_of_process_statement_is_refused_citing_para_74_and_nothing_is_saved(api, caseworker, declined):
    response = api(caseworker).patch(path_of(declined), {"body": declined.body.replace(END_OF_PROCESS, "")})

    assert response.status_code == 422
    assert {(error["field"], error["paragraph"]) for error in errors_of(response)} == {("body", "74")}
    assert Letter.objects.get(pk=declined.pk).body == declined.body


def test_an_edit_or_a_send_from_an_older_version_is_412_saying_what_changed(api, caseworker, declined):
    client = api(caseworker)
    opened = client.get(path_of(declined))["ETag"]
    assert client.patch(path_of(declined), {"subject": "First"}, **{"If-Match": opened}).status_code == 200

    stale = client.patch(path_of(declined), {"subject": "Second"}, **{"If-Match": opened})
    stale_send = send(client, declined, {"channel": "post"}, **{"If-Match": opened})

    assert stale.status_code == stale_send.status_code == 412
    assert "changed the letter 'First'" in stale.json()["detail"] and "Edited the draft letter" in stale.json()["detail"]
    assert stale["ETag"] == client.get(path_of(declined))["ETag"] != opened
    letter = Letter.objects.get(pk=declined.pk)
    assert (letter.subject, letter.status) == ("First", Letter.Status.DRAFT)


def test_someone_else_reads_the_draft_but_cannot_change_or_send_it(api, manager, declined):
    client = api(manager)

    shown = client.get(path_of(declined)).json()
    edit = client.patch(path_of(declined), {"subject": "Mine now"})
    sent = send(client, declined, {"channel": "post"})

    assert (shown["may_edit"], shown["may_send"]) == (False, False)
    assert edit.status_code == sent.status_code == 422
    assert "who drafted this letter" in edit.json()["detail"] and "who drafted this letter" in sent.json()["detail"]
    assert Letter.objects.get(pk=declined.pk).status == Letter.Status.DRAFT


def test_those_who_may_not_see_what_was_said_get_not_found(api, outsider, declined):
    sally = make_person("sally", "shared_services")
    for person in (outsider, sally):
        client = api(person)
        answers = [
            client.get(f"/feedback/{declined.feedback_case.reference}/letters"),
            client.get(path_of(declined)),
            client.patch(path_of(declined), {"subject": "Hello"}),
            send(client, declined, {"channel": "post"}),
        ]
        assert [answer.status_code for answer in answers] == [404] * 4, person


def test_a_send_retried_under_the_same_idempotency_key_sends_once(api, caseworker, declined):
    client = api(caseworker)
    body = {"channel": "email", "email": "alice@example.org"}

    first = send(client, declined, body, **{"Idempotency-Key": "send-1"})
    retry = send(client, declined, body, **{"Idempotency-Key": "send-1"})

    assert first.status_code == retry.status_code == 200
    assert retry["Idempotent-Replayed"] == "true" and retry.json() == first.json() and retry["ETag"] == first["ETag"]
    assert OutgoingEmail.objects.filter(letter=declined).count() == 1


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "channel", "Select how to send the letter"),
        ({"channel": "email", "email": "nope"}, "email", "Enter an email address in the correct format"),
        ({"channel": "email", "cc": "x@example.org"}, "cc", ""),
    ],
)
def test_a_send_without_a_channel_or_with_a_bad_address_is_422_naming_the_field(api, caseworker, declined, body, field, message):
    response = send(api(caseworker), declined, body)

    assert response.status_code == 422
    assert [error["field"] for error in errors_of(response)] == [field]
    assert message in errors_of(response)[0]["message"]
    assert Letter.objects.get(pk=declined.pk).status == Letter.Status.DRAFT
