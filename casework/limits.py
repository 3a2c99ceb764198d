"""How much text Redress takes in one field; the limits are the policy's, enforced in every layer."""

from django.core.validators import MaxLengthValidator

from policy.limits import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH

__all__ = ["LONG_TEXT", "LONG_TEXT_MAX_LENGTH", "TEXT_MAX_LENGTH"]

# Model fields that take what people type refuse more than the policy allows, wherever they are saved from.
LONG_TEXT = [MaxLengthValidator(LONG_TEXT_MAX_LENGTH)]
