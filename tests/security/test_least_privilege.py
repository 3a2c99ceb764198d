"""Least privilege by role and by need, over every route of the URLconf (pages and the API):
role x route x an object of their own or not.

Each route has a rule: open, for anyone signed in (lists filtered by role), a case's facts, its
contents (letters, documents, timeline, correspondence) or acting on it, a service user's record, or
keeping the records themselves. Shared services see facts, not contents; OAT and Legal read every case
but act only on feedback referred to them; another team's caseworker finds nothing. Shared services
(and administrators) keep case and service users' records; OAT may set para 37's flag on a person.
Caseworkers and managers find the people with a case in their team (to answer a call or a letter),
and see their record, but change nothing on it. A new route without a rule fails
`test_every_route_has_a_rule`.

An administrator holds no casework role: they keep the records (case, decisions, people and who acts
for them), so they open a case's page, the record they create and correct, but its feedback, letters
and documents stay not found to them. The case page is therefore its own rule (CASE_PAGE), apart
from the facts of feedback (FACTS), so the matrix tells the two apart for them."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from casework.models import Attachment, Event, Letter, Representative
from casework.services.attachments import attach_document
from policy.facts import Role
from policy.workflows.registry import WORKFLOWS
from tests.api.conftest import ApiClient
from tests.conftest import make_person
from tests.documents import PDF, upload
from tests.security.helpers import signed_in
from tests.services.conftest import at_oat, considering, log_complaint, walk

__all__ = ["at_oat", "considering", "walk"]  # fixtures

OPEN, SIGNED_IN, ADMINISTRATORS, OVERSIGHT = "open", "signed in", "administrators", "oversight"
FACTS, CONTENTS, ACT, CASE_PAGE = "facts", "contents", "act", "a case's page"
PERSON, RECORDS, PERSON_RECORDS = "a person's record", "records", "a person's record kept"
IMPORTS = "imports"

RULES = {
    # Administrators only: everyone else finds nothing there.
    ADMINISTRATORS: {"subject-access", "subject-access-export"},
    OPEN: {"login", "logout", "two-factor", "two-factor-set-up", "openapi-json", "openapi-view", "api-root", "not_found"},
    SIGNED_IN: {
        "my-work",
        "my-work-all",
        "team",
        "team-member",
        "reassign",
        "notifications",
        "notifications-read",
        "case-search",
        "password-change",
        "oat-queue",
        "legal-queue",
        "approvals",
        "feedback-list",
        "people-search",
        "find_people",
        "insight",
        "insight-export",
        "insight-csv",
        "learning",
        "workflow",
        "list_cases",
        "get_oat_queue",
        "list_legal_requests",
        "list_approvals",
        "list_my_work",
    },
    # Who viewed a case: for those who oversee the work on it (managers, directors, the Ombudsman).
    OVERSIGHT: {"case-viewers"},
    # The case's page: its record, for those who see the case and for those who keep case records.
    CASE_PAGE: {"case-detail"},
    FACTS: {
        "feedback-detail",
        "feedback-workflow",
        "get_case",
        "list_case_feedback",
        "get_feedback",
        "list_actions",
    },
    CONTENTS: {
        "letter",
        "letter-pdf",
        "feedback-attachment",
        "get_letter_pdf",
        "list_events",
        "list_attachments",
        "attachment-content",
        "list_correspondence",
        "list_letters",
        "get_letter",
    },
    # A service user's record: for anyone who may see a case of theirs (everyone, for those who see every case).
    PERSON: {"person-detail", "get_person"},
    # The case management system's records: shared services keep them (and an administrator may).
    RECORDS: {
        "case-create",
        "case-correct",
        "post_case",
        "patch_case",
        "post_decision",
        "case-decision-new",
        "representative-add",
        "representative-correct",
        "representative-end",
        "patch_representative",
        "post_representative_end",
        "post_person",
        "post_representative",
        "person-merge",
        "merge_people",
    },
    # Importing a file of case records: shared services alone (an administrator keeps records one by one).
    IMPORTS: {"import-cases"},
    # A service user's record corrected: by those who keep the records, and by OAT for para 37's flag alone.
    PERSON_RECORDS: {"person-correct", "patch_person"},
    ACT: {
        "file-note",
        "log-decision-complaint",
        "log-feedback",
        "feedback-action",
        "attach-document",
        "log-follow-up",
        "log-correspondence",
        "post_feedback",
        "post_correspondence",
        "post_attachment",
        "post_follow_up",
        "patch_letter",
        "post_send_letter",
        "take_undeclared_action",
        *(f"take_{action.name}" for workflow in WORKFLOWS.values() for action in workflow.actions),
    },
}
RULE_OF = {name: rule for rule, names in RULES.items() for name in names}

# What each person gets from a GET of a route about Team A's feedback that was not referred to anyone
# (an API route that acts is POSTed to).
FOUND, NOT_FOUND, REFUSED = "found", "not found", "refused"
EXPECTED = {
    "caseworker": {
        **{CASE_PAGE: FOUND, FACTS: FOUND, CONTENTS: FOUND, ADMINISTRATORS: NOT_FOUND, OVERSIGHT: REFUSED},
        **{PERSON: FOUND, RECORDS: REFUSED, PERSON_RECORDS: REFUSED, IMPORTS: REFUSED},
    },
    "outsider": {
        **{
            CASE_PAGE: NOT_FOUND,
            FACTS: NOT_FOUND,
            CONTENTS: NOT_FOUND,
            ACT: NOT_FOUND,
            ADMINISTRATORS: NOT_FOUND,
            OVERSIGHT: NOT_FOUND,
        },
        **{PERSON: NOT_FOUND, RECORDS: REFUSED, PERSON_RECORDS: REFUSED, IMPORTS: REFUSED},
    },
    "shared services": {
        **{CASE_PAGE: FOUND, FACTS: FOUND, CONTENTS: NOT_FOUND, ADMINISTRATORS: NOT_FOUND, OVERSIGHT: REFUSED},
        **{PERSON: FOUND, RECORDS: FOUND, PERSON_RECORDS: FOUND, IMPORTS: FOUND},
    },
    "oat": {
        **{CASE_PAGE: FOUND, FACTS: FOUND, CONTENTS: FOUND, ACT: REFUSED, ADMINISTRATORS: NOT_FOUND, OVERSIGHT: REFUSED},
        **{PERSON: FOUND, RECORDS: REFUSED, PERSON_RECORDS: FOUND, IMPORTS: REFUSED},
    },
    "legal": {
        **{CASE_PAGE: FOUND, FACTS: FOUND, CONTENTS: FOUND, ACT: REFUSED, ADMINISTRATORS: NOT_FOUND, OVERSIGHT: REFUSED},
        **{PERSON: FOUND, RECORDS: REFUSED, PERSON_RECORDS: REFUSED, IMPORTS: REFUSED},
    },
    # Keeps the records, and is given no role in any feedback by doing so.
    "administrator": {
        **{CASE_PAGE: FOUND, FACTS: NOT_FOUND, CONTENTS: NOT_FOUND, ACT: NOT_FOUND, OVERSIGHT: NOT_FOUND},
        **{PERSON: FOUND, RECORDS: FOUND, PERSON_RECORDS: FOUND, IMPORTS: REFUSED},
    },
}
STATUSES = {FOUND: {200}, NOT_FOUND: {404}, REFUSED: {403, 404, 405, 422}}
# An empty body posted to the API is refused as invalid before anything is looked up: it reveals nothing.
API_POST_STATUSES = {NOT_FOUND: {404, 422}, REFUSED: {404, 422}}
# The records are written by the API's POSTs and PATCHes: an empty correction is accepted from whoever may
# make one and refused from anyone else; an empty record is invalid for all (the pages above tell them apart).
API_WRITE_STATUSES = {FOUND: {200, 422}, REFUSED: {404, 422}}
API_WRITES = (ACT, RECORDS, PERSON_RECORDS)


def routes(patterns=None, prefix=""):
    """Every route of the URLconf but the admin's (its own site, staff and the second factor only)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if not str(pattern.pattern).startswith("admin/"):
                yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern), pattern.name


@pytest.fixture
def people(caseworker, outsider, oat, lawyer, django_user_model):
    return {
        "administrator": django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password"),
        "caseworker": caseworker,
        "outsider": outsider,
        "shared services": make_person("sam", Role.SHARED_SERVICES),
        "oat": oat,
        "legal": lawyer,
    }


@pytest.fixture
def values(considering, caseworker):
    """Team A's complaint under the case owner's consideration, with a letter and a document."""
    feedback = considering()
    attachment = attach_document(caseworker, feedback.reference, upload("grounds.pdf", PDF), "grounds", "")
    acting = Representative.objects.create(
        service_user=feedback.case.service_user,
        acting_as="representative",
        name="Rita Advocate",
        consent_given_by="Alice",
        consent_given_on=feedback.case.decision_date,
        consent_form="written",
    )
    return {
        "representative_id": str(acting.pk),
        "member_id": str(caseworker.pk),
        "case": feedback.case.reference,
        "person": feedback.case.service_user.reference,
        "feedback": feedback.reference,
        "letter_id": str(Letter.objects.filter(feedback_case=feedback).first().pk),
        "pk": str(attachment.pk),
        "attachment_id": str(attachment.pk),
        "name": "record_challenge_analysis",
        "kind": "decision_complaint",
        "slug": "volumes",
        "rest": "nothing-here",
    }


def url_of(route: str, values: dict) -> str:
    about_a_case = route.startswith(("cases/", "api/v1/cases/"))
    about_a_person = route.startswith(("people/", "api/v1/people/"))
    reference = values["case"] if about_a_case else values["person"] if about_a_person else values["feedback"]
    filled = {**values, "reference": reference}
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: filled[m.group(1)], route)


def client_of(user, route: str):
    if route.startswith("api/"):
        return ApiClient(user).client, ApiClient(user).headers
    return signed_in(user), {}


def test_every_route_has_a_rule(db):
    unruled = {name for _, name in routes() if name not in RULE_OF}
    assert not unruled, f"routes with no access rule: {sorted(unruled)}"


def test_each_role_gets_what_its_need_allows_on_every_route_about_a_case(people, values):
    clients = {who: {"web": signed_in(user), "api": ApiClient(user)} for who, user in people.items()}
    for route, name in routes():
        rule = RULE_OF[name]
        if rule in (OPEN, SIGNED_IN):
            continue
        url = url_of(route, values)
        for who, expected in EXPECTED.items():
            if rule not in expected:
                continue
            statuses = STATUSES[expected[rule]]
            if route.startswith("api/"):
                api = clients[who]["api"]
                if rule == ACT and name.startswith("patch_"):  # an empty edit of the case owner's draft letter
                    response = api.client.patch(url, "{}", content_type="application/json", headers=api.headers)
                    statuses = API_POST_STATUSES[expected[rule]]
                elif rule == ACT:
                    response, statuses = api.client.post(url, headers=api.headers), API_POST_STATUSES[expected[rule]]
                elif rule in API_WRITES and name.startswith("patch_"):
                    response = api.client.patch(url, "{}", content_type="application/json", headers=api.headers)
                    statuses = {FOUND: {200}, REFUSED: {404, 422}}[expected[rule]]
                elif rule in API_WRITES:
                    response, statuses = api.client.post(url, headers=api.headers), API_WRITE_STATUSES[expected[rule]]
                else:
                    response = api.client.get(url, headers=api.headers)
            else:
                response = clients[who]["web"].get(url)
            assert response.status_code in statuses, (who, name, url, response.status_code)


def test_nobody_signed_in_gets_nothing_but_the_open_routes(values):
    for route, name in routes():
        if RULE_OF[name] == OPEN:
            continue
        response = Client().get(url_of(route, values))
        if route.startswith("api/"):
            assert response.status_code in (401, 405), name
        else:
            assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), name


def test_anyone_signed_in_opens_the_lists_and_sees_only_what_their_role_allows(people, values):
    for who, user in people.items():
        web, api = signed_in(user), ApiClient(user)
        for route, name in routes():
            if RULE_OF[name] != SIGNED_IN:
                continue
            url = url_of(route, values)
            response = api.client.get(url, headers=api.headers) if route.startswith("api/") else web.get(url)
            # A queue that is not theirs is refused (the API answers 404, like anything else they may not see).
            assert response.status_code in (200, 302, 403, 404, 405), (who, name, response.status_code)


def test_shared_services_see_the_facts_of_feedback_but_not_what_was_said(people, values):
    sam = people["shared services"]
    page = signed_in(sam).get(f"/feedback/{values['feedback']}/")
    assert page.status_code == 200 and b"facts-only" in page.content
    assert b"What was said" not in page.content and b"grounds.pdf" not in page.content
    body = ApiClient(sam).get(f"/feedback/{values['feedback']}").json()
    assert body["state"] and body["summary"] == "" and body["letters"] == [] and body["grounds"] is None


def test_oat_and_legal_act_only_on_feedback_referred_to_them(people, values, at_oat, oat):
    events, documents = Event.objects.count(), Attachment.objects.count()
    for who in ("oat", "legal"):
        user = people[who]
        client = signed_in(user)
        assert client.get(f"/feedback/{values['feedback']}/attachments/new/").status_code == 403, who
        refused = client.post(f"/feedback/{values['feedback']}/notes/new/", {"note": "Not ours"})
        assert refused.status_code == 403, who
        api = ApiClient(user)
        data = {"kind": "evidence", "file": upload("evidence.pdf", PDF)}
        posted = api.client.post(f"/api/v1/feedback/{values['feedback']}/attachments", data, headers=api.headers)
        assert posted.status_code == 422, who
    assert (Event.objects.count(), Attachment.objects.count()) == (events, documents)

    referred = at_oat()  # referred to OAT and taken: now OAT act on it, and Legal still do not
    assert signed_in(oat).get(f"/feedback/{referred.reference}/attachments/new/").status_code == 200
    assert signed_in(people["legal"]).get(f"/feedback/{referred.reference}/attachments/new/").status_code == 403


def test_legal_act_once_judicial_review_puts_it_to_them(caseworker, make_case, lawyer):
    client = signed_in(lawyer)
    without = log_complaint(caseworker, make_case)
    assert client.get(f"/feedback/{without.reference}/notes/new/").status_code == 403
    with_jr = log_complaint(caseworker, make_case, jr_in_prospect=True)  # a task for Legal's advice (para 70)
    assert client.get(f"/feedback/{with_jr.reference}/notes/new/").status_code == 200


def test_an_administrator_keeps_the_records_but_imports_nothing(values, django_user_model):
    """Without a casework role an administrator opens the case record they keep, and corrects it on the
    page or by the API, but reads none of its feedback: the case page lists none and links to none."""
    admin = django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password")
    api = ApiClient(admin)
    assert api.patch(f"/cases/{values['case']}", {"mp_involved": True}).status_code == 200
    assert api.patch(f"/people/{values['person']}", {"preferred_format": "Large print"}).status_code == 200
    page = signed_in(admin)
    assert page.get("/cases/new/").status_code == 200
    assert page.get(f"/cases/{values['case']}/correct/").status_code == 200
    case_page = page.get(f"/cases/{values['case']}/")
    assert case_page.status_code == 200 and b"Record another decision" in case_page.content
    assert values["feedback"].encode() not in case_page.content and b"Who viewed this case" not in case_page.content
    assert page.get(f"/feedback/{values['feedback']}/").status_code == 404
    assert page.get("/imports/cases/").status_code == 403
