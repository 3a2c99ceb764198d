"""The JSON API at /api/v1/: OpenAPI 3.1 at /api/v1/openapi.json, interactive docs at /api/v1/docs.

Thin: each operation parses its input, finds the caller, calls one use case in
`casework.services`, and renders the result. See api/README.md for the resources and errors.
"""

from django.http import Http404
from ninja import NinjaAPI, Router, Swagger

from api import actions, attachments, cases, correspondence, errors, feedback, follow_ups, letters, people, queues, work
from api.auth import AUTH

api = NinjaAPI(
    title="Redress API",
    version="1",
    description=(
        "Casework for the PHSO Review and Feedback Guidance 12.0. Authenticate with "
        "`Authorization: Bearer <token>` (`redress api-token USERNAME`) or a signed-in session with its CSRF token. "
        "Errors are `{detail, errors: [{field, paragraph, message}]}`; a case you may not see is 404, exactly like a "
        "missing one; a refusal by the guidance is 422 citing its paragraph."
    ),
    urls_namespace="api",
    # A pasted token is kept in the page only, never in the browser's storage.
    docs=Swagger(settings={"persistAuthorization": False}),
    auth=AUTH,
)
errors.register(api)
api.add_router("", cases.router)
api.add_router("", people.router)
api.add_router("", feedback.router)
api.add_router("", actions.router)
api.add_router("", attachments.router)
api.add_router("", follow_ups.router)
api.add_router("", correspondence.router)
api.add_router("", letters.router)
api.add_router("", queues.router)
api.add_router("", work.router)

# Last: any other path under /api/v1/ is answered in the API's own 404 shape, not Django's HTML page.
fallback = Router()


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False)
def not_found(request, rest: str):
    raise Http404


api.add_router("", fallback)
