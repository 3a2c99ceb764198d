"""What the pages say about each kind of feedback comes from the registry of workflows, not from lists."""

from casework.read.insight import KINDS
from policy.workflows.registry import WORKFLOWS

PASSWORD = "a-long-test-password"


def test_the_case_page_offers_to_log_each_declared_kind_of_feedback(client, caseworker, make_case):
    case = make_case()
    assert client.login(username=caseworker.username, password=PASSWORD)

    page = client.get(f"/cases/{case.reference}/").content.decode()

    for kind, workflow in WORKFLOWS.items():
        assert f'href="/cases/{case.reference}/feedback/new/{kind}/"' in page
        assert workflow.log_label in page
        form = client.get(f"/cases/{case.reference}/feedback/new/{kind}/").content.decode()
        assert f'<h1 class="govuk-heading-l">{workflow.log_label}</h1>' in form


def test_insight_has_a_column_for_each_declared_kind_of_feedback():
    assert {kind for kind, _ in KINDS} == set(WORKFLOWS)
    assert "Complaints about our decision" in dict(KINDS).values()
