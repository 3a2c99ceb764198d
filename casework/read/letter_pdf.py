"""A letter as a printable A4 PDF, made from the text kept as sent (never re-rendered from its template)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from casework.models import Letter

ORGANISATION = "Parliamentary and Health Service Ombudsman"


def letter_html(letter: Letter) -> str:
    """The HTML given to WeasyPrint. Autoescaped: text in a letter cannot add markup or resources."""
    feedback = letter.feedback_case
    return render_to_string(
        "letters/letter.html", {"letter": letter, "feedback": feedback, "case": feedback.case, "organisation": ORGANISATION}
    )


def render_letter_pdf(letter: Letter) -> bytes:
    # The CSS is inline, so nothing needs fetching: refuse every URL (network and server files alike)
    # but data: URIs, whatever ends up in the HTML.
    offline = URLFetcher(allowed_protocols={"data"})
    return HTML(string=letter_html(letter), url_fetcher=offline).write_pdf()


def pdf_filename(letter: Letter) -> str:
    return f"{letter.feedback_case.reference}-letter-{letter.pk}.pdf"


def pdf_response(letter: Letter) -> HttpResponse:
    """The page and the API answer alike: shown in the browser, saved under a name that says which letter,
    and not kept by any cache, as it holds personal data."""
    return HttpResponse(
        render_letter_pdf(letter),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{pdf_filename(letter)}"', "Cache-Control": "private, no-store"},
    )
