"""Letters as PDF: the HTML handed to WeasyPrint says who, when, about what and which case; a
letter's text cannot add markup; nothing is fetched from outside; every demo letter renders."""

from __future__ import annotations

import urllib.request

import pytest
from django.utils import timezone

from casework import demo
from casework.models import Letter
from casework.read import letter_pdf
from casework.read.letter_pdf import letter_html, pdf_filename, render_letter_pdf
from tests.conftest import TODAY
from tests.services.conftest import REQUEST

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(complaint, walk) -> Letter:
    """The grounds-request letter, written when the case owner asks for grounds."""
    feedback = walk(complaint(), REQUEST)
    return Letter.objects.get(feedback_case=feedback, template__code="grounds_request")


def test_a_letter_renders_to_a_pdf(letter):
    assert render_letter_pdf(letter).startswith(b"%PDF-")


def test_the_letter_names_us_the_date_the_addressee_both_references_and_the_subject(letter):
    html = letter_html(letter)

    assert "Parliamentary and Health Service Ombudsman" in html
    written = timezone.localtime(letter.created_at)
    assert f'<p class="date">{written.day} {written:%B %Y}</p>' in html
    assert letter.addressee == "Alice Brown" and '<p class="addressee">Alice Brown</p>' in html
    case, feedback = letter.feedback_case.case.reference, letter.feedback_case.reference
    assert f"case {case}, feedback {feedback}" in html
    assert f"<strong>Your complaint about our decision on case {case}</strong>" in html


def test_the_body_keeps_its_paragraphs_and_line_breaks(letter):
    html = letter_html(letter)

    assert "<p>Dear Alice Brown</p>" in html
    assert "please set out in writing:<br>- why you think our decision is wrong<br>- what you would like" in html
    assert "29 December 2026" in html


def test_the_page_is_a4_with_margins_and_a_page_number(letter):
    html = letter_html(letter)

    assert "size: A4" in html and "margin:" in html
    assert 'content: "Page " counter(page) " of " counter(pages)' in html


def test_copied_to_is_shown_only_when_the_letter_was_copied(letter):
    assert "Copied to" not in letter_html(letter)

    letter.copied_to = "Jane Smith MP"

    assert '<p class="copied-to">Copied to: Jane Smith MP</p>' in letter_html(letter)


def test_html_in_a_letter_is_shown_as_text_not_obeyed(letter):
    letter.addressee = "<b>O'Brien</b>"
    letter.subject = "</strong><script>alert(1)</script>"
    letter.body = 'Hello\n\n<img src="http://example.org/tracker.png"><link rel="stylesheet" href="file:///etc/passwd">'
    letter.copied_to = "<i>MP</i>"

    html = letter_html(letter)

    assert "&lt;b&gt;O&#x27;Brien&lt;/b&gt;" in html
    assert "&lt;/strong&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=&quot;http://example.org/tracker.png&quot;&gt;" in html
    assert "Copied to: &lt;i&gt;MP&lt;/i&gt;" in html
    for tag in ("<b>", "<script", "<img", "<link", "<i>"):
        assert tag not in html
    assert render_letter_pdf(letter).startswith(b"%PDF-")


def test_rendering_fetches_nothing_from_outside(letter, monkeypatch):
    # Were the letter's HTML ever to name a resource, the fetcher refuses it before opening anything.
    opened = []
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", lambda self, url, *args, **kwargs: opened.append(url))
    monkeypatch.setattr(
        letter_pdf,
        "letter_html",
        lambda letter: (
            '<link rel="stylesheet" href="http://127.0.0.1:9/style.css">'
            '<img src="https://example.org/logo.png"><img src="file:///etc/hostname"><p>Hello</p>'
        ),
    )

    assert render_letter_pdf(letter).startswith(b"%PDF-")
    assert opened == []


def test_the_file_is_named_after_the_feedback_and_the_letter(letter):
    assert pdf_filename(letter) == f"{letter.feedback_case.reference}-letter-{letter.pk}.pdf"


def test_every_letter_of_the_demo_data_renders(db):
    demo.seed(TODAY)
    letters = Letter.objects.select_related("feedback_case__case")

    assert letters.count() >= 4  # one grounds request on each demo complaint that has got that far
    for letter in letters:
        assert render_letter_pdf(letter).startswith(b"%PDF-"), letter
        html = letter_html(letter)
        assert letter.feedback_case.case.reference in html and letter.feedback_case.reference in html
