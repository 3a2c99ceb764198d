"""The shape of an effect, and how each effects module names its effects for the registry."""

from collections.abc import Callable
from datetime import date
from typing import Any

from casework.models import FeedbackCase

# Called with the feedback, the action's inputs, the actor and today. It may return what the
# action's declared letter needs to say (the letter's template context), or None.
Effect = Callable[[FeedbackCase, dict[str, Any], Any, date], dict[str, Any] | None]


def named(*effects: Effect, **renamed: Effect) -> dict[str, Effect]:
    """Effects by the names the declarations use: a function's own name, or the keyword given."""
    return {**{effect.__name__: effect for effect in effects}, **renamed}
