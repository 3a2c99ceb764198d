"""What letters must say."""

from dataclasses import dataclass

from policy.decisions import Reason, rule

END_OF_PROCESS = "You have now reached the end of our internal complaints process."
JUDICIAL_REVIEW = "Judicial Review"


@rule("74")
def closing_letter_refusals(text: str) -> list[Reason]:
    """A letter that ends a review path tells the complainant our internal process has ended."""
    if END_OF_PROCESS not in text:
        return [Reason("74", "A closing letter must say that our internal complaints process has ended")]
    return []


def paragraph_naming(body: str, words: str) -> str:
    """The paragraph of a letter that mentions these words (the Judicial Review signposting), or ""."""
    return next((part.strip() for part in body.split("\n\n") if words in part), "")


@dataclass(frozen=True)
class Passage:
    """Words the guidance requires a letter to carry, and the paragraph that requires them."""

    paragraph: str
    what: str
    text: str


def required_passages(body: str, *, closing: bool, decline_reasons: str = "", signposts_jr: str = "") -> list[Passage]:
    """What a drafted letter must keep through any edit: the end-of-process statement of a closing
    letter (para 74), the reasons for declining a review (para 35) and, where chosen, the Judicial
    Review signposting (para 29, 40). Only what the draft carries: a template's fault is refused
    when the letter is written."""
    wanted = [
        Passage("74", "the statement that our internal complaints process has ended", END_OF_PROCESS) if closing else None,
        Passage("35", "the reasons for declining the review", decline_reasons.strip()) if decline_reasons.strip() else None,
        Passage("40", "the Judicial Review signposting", signposts_jr.strip()) if signposts_jr.strip() else None,
    ]
    return [passage for passage in wanted if passage is not None and passage.text in body]


@rule("35", "40", "74")
def edit_refusals(required: list[Passage], body: str) -> list[Reason]:
    """An edit keeps every passage the guidance requires, word for word."""
    return [
        Reason(passage.paragraph, f"The letter must keep {passage.what}: \u201c{_short(passage.text)}\u201d", field="body")
        for passage in required
        if passage.text not in body
    ]


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
