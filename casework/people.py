"""How a person is named to other people: their full name, or their username if none is recorded."""

from __future__ import annotations


def name_of(user) -> str | None:
    """None for nobody, so that "not yet assigned" stays distinguishable from a name."""
    if user is None:
        return None
    return user.get_full_name() or user.username
