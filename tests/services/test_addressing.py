"""A letter reaches the service user as their record says: by email when they prefer it and gave an
address, otherwise by post to their address block; in the format they asked for."""

from __future__ import annotations

import pytest

from casework.models import Letter
from casework.models.parties import ContactChannel
from casework.read.letter_pdf import letter_html
from tests.services.conftest import REQUEST

pytestmark = pytest.mark.django_db


@pytest.fixture
def grounds_request(complaint, walk):
    """The grounds-request letter to a service user whose record is first set as `details` say."""

    def write(**details) -> Letter:
        feedback = complaint()
        person = feedback.case.service_user
        for name, value in details.items():
            setattr(person, name, value)
        person.save()
        walk(feedback, REQUEST)
        return Letter.objects.get(feedback_case=feedback, template__code="grounds_request")

    return write


def test_someone_who_prefers_email_and_gave_an_address_is_written_to_by_email(grounds_request):
    letter = grounds_request(preferred_channel=ContactChannel.EMAIL, email="alice@example.org")

    assert (letter.addressee, letter.channel, letter.recipient_email) == (
        "Alice Brown",
        Letter.Channel.EMAIL,
        "alice@example.org",
    )


def test_someone_who_prefers_email_but_gave_no_address_is_written_to_by_post(grounds_request):
    letter = grounds_request(
        preferred_channel=ContactChannel.EMAIL, email="", address_lines="1 High Street\nLeeds", postcode="LS1 1AA"
    )

    assert (letter.channel, letter.address) == (Letter.Channel.POST, "1 High Street\nLeeds\nLS1 1AA")


def test_a_letter_to_someone_who_asked_for_large_print_is_printed_large(grounds_request):
    usual = grounds_request(preferred_format="")  # the same person each time: their record as it is then
    large = grounds_request(preferred_format="Large print")

    assert (large.preferred_format, large.large_print, usual.large_print) == ("Large print", True, False)
    assert "body { font-size: 16pt; }" in letter_html(large) and "16pt" not in letter_html(usual)
