"""How much text Redress takes in one field: enough for any letter, never a whole mailbox."""

# A one-line answer: a name, a reason, a description.
TEXT_MAX_LENGTH = 2_000
# What a service user said, grounds, an assessment: about eight pages of typed text.
LONG_TEXT_MAX_LENGTH = 20_000
