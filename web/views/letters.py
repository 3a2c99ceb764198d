"""A letter on a feedback case as a printable PDF, for those who may see the case."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from casework.read.access import letter_for
from casework.read.letter_pdf import pdf_response
from web.views.common import not_found_is_404


@login_required
@require_safe
@not_found_is_404
def letter_pdf(request, reference, letter_id):
    return pdf_response(letter_for(request.user, reference, letter_id))
