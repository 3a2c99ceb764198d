"""How much text Redress takes in one field; the limits are the policy's, enforced in every layer."""

from policy.limits import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH

__all__ = ["LONG_TEXT_MAX_LENGTH", "TEXT_MAX_LENGTH"]
