"""A letter on a feedback case as a printable PDF, for those who may see the case."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_safe

from casework.read.access import letter_for
from casework.read.letter_pdf import pdf_response
from casework.services.errors import NotFound


@login_required
@require_safe
def letter_pdf(request, reference, letter_id):
    try:
        letter = letter_for(request.user, reference, letter_id)
    except NotFound:
        raise Http404("No such letter")
    return pdf_response(letter)
