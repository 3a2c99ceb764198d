"""Shared services upload the case management system's CSV file: every row is checked, then all are
imported in one transaction, or none are and the page lists each problem by row and column.

The file is imported while the request waits (100,000 rows take well under a minute); the page
shows a progress bar from the moment the file is sent until the answer comes back.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from casework.imports.columns import COLUMNS
from casework.imports.csv_file import size_in_words
from casework.services.case_import import ImportRefused, import_cases, may_import
from web.views.common import today

SHOWN_IN_SUMMARY = 10  # the error summary names the first problems; the table below lists them all


@login_required
@require_http_methods(["GET", "POST"])
def import_cases_page(request):
    if not may_import(request.user):
        raise PermissionDenied("Only shared services import cases")
    errors, problems, total = [], [], 0
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [{"message": "Select a CSV file to import", "anchor": "field-file", "paragraph": ""}]
        else:
            try:
                outcome = import_cases(request.user, upload, upload.size, name=upload.name, today=today())
            except ImportRefused as refused:
                problems, total = refused.problems, refused.total
                errors = [
                    {"message": str(problem), "anchor": "field-file", "paragraph": ""} for problem in problems[:SHOWN_IN_SUMMARY]
                ]
                if total > SHOWN_IN_SUMMARY:
                    errors.append(
                        {
                            "message": f"and {total - SHOWN_IN_SUMMARY} more problems, listed below",
                            "anchor": "problems",
                            "paragraph": "",
                        }
                    )
            else:
                messages.success(
                    request,
                    f"Imported {upload.name}: {outcome.rows} rows, {len(outcome.created)} cases created, "
                    f"{len(outcome.changed)} changed, {outcome.unchanged} unchanged",
                )
                return redirect("import-cases")
    context = {
        "columns": COLUMNS,
        "max_size": size_in_words(settings.REDRESS_MAX_IMPORT_BYTES),
        "errors": errors,
        "file_error": "The file was not imported: correct the problems and upload it again"
        if problems
        else (errors[0]["message"] if errors else ""),
        "problems": problems,
        "total": total,
    }
    return render(request, "web/import_cases.html", context, status=400 if errors else 200)
