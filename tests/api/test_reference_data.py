"""The API validates choices against the reference data as it stands, not against a list in the code."""

from decimal import Decimal

from casework.models import SeverityLevel
from tests.web.test_reference_data import upheld

__all__ = ["upheld"]


def test_a_severity_level_an_administrator_adds_is_described_and_accepted(api, manager, upheld):
    SeverityLevel.objects.create(level=7, name="Exceptional", minimum_payment=Decimal(100000), maximum_payment=Decimal(250000))
    client = api(manager)

    options = client.get(f"/feedback/{upheld.reference}/actions").json()
    remedy = next(action for action in options["available"] if action["name"] == "offer_remedy")
    levels = next(field for field in remedy["fields"] if field["name"] == "severity_level")
    assert {"value": "7", "label": "Level 7: Exceptional"} in levels["choices"]

    payment = {"remedy_type": "financial", "details": "For lasting harm", "severity_level": "7", "amount": "120000"}
    response = client.post(f"/feedback/{upheld.reference}/actions/offer_remedy", payment)
    assert response.status_code == 200, response.content


def test_a_severity_level_that_is_not_kept_is_refused_in_the_users_words(api, manager, upheld):
    payment = {"remedy_type": "financial", "details": "For lasting harm", "severity_level": "9", "amount": "120000"}

    response = api(manager).post(f"/feedback/{upheld.reference}/actions/offer_remedy", payment)

    assert response.status_code == 422
    assert "Select one of the options offered for 'Severity of injustice level'" in response.content.decode()
