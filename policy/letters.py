"""What letters must say."""

from policy.decisions import Reason, rule

END_OF_PROCESS = "You have now reached the end of our internal complaints process."


@rule("74")
def closing_letter_refusals(text: str) -> list[Reason]:
    """A letter that ends a review path tells the complainant our internal process has ended."""
    if END_OF_PROCESS not in text:
        return [Reason("74", "A closing letter must say that our internal complaints process has ended")]
    return []
