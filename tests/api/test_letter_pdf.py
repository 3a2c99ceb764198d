"""A letter as PDF through the API: the ids the feedback lists, the bytes of an A4 PDF, and the
project's 404 for a letter the caller may not see or that belongs to another feedback case."""

from casework.models import Letter


def test_a_letter_listed_on_the_feedback_is_fetched_as_a_pdf(api, caseworker, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])
    client = api(caseworker)
    [listed] = client.get(f"/feedback/{feedback.reference}").json()["letters"]

    response = client.get(f"/feedback/{feedback.reference}/letters/{listed['id']}/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{feedback.reference}-letter-{listed["id"]}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")


def test_a_letter_the_caller_may_not_see_looks_exactly_like_a_missing_feedback(api, outsider, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])
    letter = Letter.objects.get(feedback_case=feedback)
    client = api(outsider)

    seen = client.get(f"/feedback/{feedback.reference}/letters/{letter.pk}/pdf")
    missing = client.get(f"/feedback/FB-999999/letters/{letter.pk}/pdf")

    assert seen.status_code == missing.status_code == 404
    assert seen.json() == {"detail": f"No feedback {feedback.reference} that you can see", "errors": []}
    assert missing.json() == {"detail": "No feedback FB-999999 that you can see", "errors": []}


def test_a_letter_of_another_feedback_case_is_not_found(api, caseworker, make_case, complaint):
    mine = complaint(make_case(), steps=["request_grounds"])
    other = complaint(make_case(), steps=["request_grounds"])
    letter = Letter.objects.get(feedback_case=other)

    response = api(caseworker).get(f"/feedback/{mine.reference}/letters/{letter.pk}/pdf")

    assert response.status_code == 404
    assert response.json() == {"detail": f"No letter {letter.pk} on feedback {mine.reference}", "errors": []}


def test_a_letter_needs_credentials(api, make_case, complaint):
    feedback = complaint(make_case(), steps=["request_grounds"])
    letter = Letter.objects.get(feedback_case=feedback)

    response = api().get(f"/feedback/{feedback.reference}/letters/{letter.pk}/pdf")

    assert response.status_code == 401
    assert response.json()["errors"] == []
